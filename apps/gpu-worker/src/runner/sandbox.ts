import { ExecResult, ExecSpec } from './exec-types';

/**
 * Where compilers and student programs run: the seam between the pipeline and the isolation
 * ({@link BoxSandbox}: boxes the seccomp launcher makes), so that the pipeline's tests
 * and the hostile suite drive the same interface.
 */
export abstract class Sandbox {
  /** A short description for the start-up log, so an operator sees what isolation is in force. */
  abstract readonly description: string;

  /** Whether programs run under a uid of their own, never the worker's (so cannot chmod its files). */
  abstract readonly programsHaveOwnUid: boolean;

  abstract compile(spec: ExecSpec): Promise<ExecResult>;

  abstract run(spec: ExecSpec): Promise<ExecResult>;
}
