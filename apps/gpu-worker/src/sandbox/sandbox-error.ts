/**
 * The sandbox itself failed (the launcher could not make the box, set a limit or load its
 * filter): nothing is known about the student's program, so this is the
 * worker's fault. It propagates out of the attempt, and BullMQ retries the job elsewhere.
 */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
}
