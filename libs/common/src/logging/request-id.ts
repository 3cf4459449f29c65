import { randomUUID } from 'node:crypto';

/** An id that is safe to print and to pass on as is: no spaces, quotes or control characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request header that carries a request id in, and out in the answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The id of a request: the client's `X-Request-Id` (a proxy's, a load balancer's, a worker
 * passing on the job's) when it is at most 64 of `A-Z a-z 0-9 . _ -`, so that one id follows a
 * request through every system that logs it; otherwise, or without one, a new random id.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
