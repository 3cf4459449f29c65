import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line is about, besides its text: the request that led to it, the attempt it concerns. */
export interface LogContext {
  /** The gateway's id of a client's request, carried into the jobs that request queued. */
  requestId?: string;
  attemptId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with these fields added to every log line it makes, however deep and however
 * asynchronous (the HTTP request a gateway handles, the job a worker runs), without passing
 * anything down; fields already set around it stay unless named again.
 */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** The fields of the request or job being handled now; undefined outside one. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
