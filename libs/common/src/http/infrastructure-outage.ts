/**
 * Whether an error means Postgres or Redis is out of reach for the moment (down, restarting,
 * refusing connections, the connection cut), rather than anything wrong with the request or the
 * code. Those get 503 with Retry-After, which clients can act on, instead of a 500.
 */
export function isInfrastructureOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || POSTGRES_UNAVAILABLE.test(e.code))) return true;
  if (typeof e.name === 'string' && OUTAGE_ERROR_NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && OUTAGE_MESSAGES.some((m) => m.test(e.message as string))) return true;
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => isInfrastructureOutage(i, depth + 1));
}

/** Socket errors of a connection to Postgres or Redis. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs of a server that is not there for now: class 08 (connection exception), 57P01–57P03
 * (shut down by an admin, crashed, still starting), 53300 (too many connections).
 */
const POSTGRES_UNAVAILABLE = /^(08\w{3}|57P0[123]|53300)$/;

/**
 * Errors that stand for a connection lost earlier: ioredis giving up on a command, and TypeORM
 * refusing the next statement of a transaction whose connection it released when the socket
 * failed (the socket's own error goes only to the pool's log, never to the caller).
 */
const OUTAGE_ERROR_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/** What pg, pg-pool and ioredis say when the connection is gone, without a code. */
const OUTAGE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Connection is closed\.?$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Stream isn't writeable/,
];
