import { ExecResult, ExecSpec } from './exec-types';

/**
 * Where compilers and student programs run. This is the seam for the sandbox issue: today's
 * implementation ({@link ProcessGroupSandbox}) only bounds time and output and kills the
 * process group; bubblewrap plus the seccomp launcher replace it behind this same interface.
 */
export abstract class Sandbox {
  /** A short description for the start-up log, so an operator sees what isolation is in force. */
  abstract readonly description: string;

  abstract compile(spec: ExecSpec): Promise<ExecResult>;

  abstract run(spec: ExecSpec): Promise<ExecResult>;
}
