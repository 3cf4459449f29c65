import { HttpException, HttpStatus } from '@nestjs/common';

/** The body of every error (API.md): a sentence for a person, and optional details. */
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
