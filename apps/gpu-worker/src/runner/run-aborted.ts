/**
 * A job's work stopped on purpose before its verdict, through the job's AbortSignal: a staff
 * member cancelled the attempt, or the worker is stopping and hands the job back to its queue.
 * Not a verdict and not a failure: the caller decides what the job becomes.
 */
export class RunAborted extends Error {
  override readonly name = 'RunAborted';

  constructor(readonly reason: unknown) {
    super(`the run was stopped (${String(reason)})`);
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new RunAborted(signal.reason);
}

/** The abort reason when a staff member cancelled the attempt: the gateway has already ended it. */
export const JOB_CANCELLED = 'cancelled by a staff member';
/** The abort reason when the worker stops before the job finished: the job goes back to its queue. */
export const WORKER_STOPPING = 'the worker is stopping';
