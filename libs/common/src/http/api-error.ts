import { HttpException, HttpStatus } from '@nestjs/common';
import { isInfrastructureOutage } from './infrastructure-outage';

/** The body of every error of the HTTP API: a sentence for a person, and optional details. */
export interface ApiErrorBody {
  error: string;
  details?: unknown[];
  [extra: string]: unknown;
}

/** Throws an error whose JSON body is exactly `{ error, ...extra }`. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, error: string, extra: Record<string, unknown> = {}) {
    super({ error, ...extra } satisfies ApiErrorBody, status);
  }
}

/** What a client is told to wait when Postgres or Redis is out of reach: a restart takes seconds. */
const OUTAGE_RETRY_AFTER_MS = 5_000;

/** A 503 for a part of the platform out of reach for a moment, with the Retry-After clients act on. */
export function unavailable(error: string): ApiError {
  return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, error, { retryAfterMs: OUTAGE_RETRY_AFTER_MS });
}

/**
 * The API's error shape for any exception: ours as they are, Nest's own (404 route, 413 body)
 * translated, Postgres or Redis out of reach a 503 with a Retry-After.
 */
export function toBody(exception: unknown): { status: number; body: ApiErrorBody } {
  if (!(exception instanceof HttpException)) {
    if (isInfrastructureOutage(exception))
      return toBody(unavailable('the platform cannot reach its database for a moment; try again shortly'));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: 'internal error; the staff can find it in the log' } };
  }
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (
    typeof response === 'object' &&
    response !== null &&
    'error' in response &&
    typeof response.error === 'string' &&
    !('statusCode' in response)
  ) {
    return { status, body: response as ApiErrorBody };
  }
  // Nest's own exceptions (404 for an unknown route, 413 from the body parser, …).
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return { status, body: { error: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message) } };
}
