import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiErrorBody } from './api-error';
import { errorPage } from './error-page';
import { wantsHtml } from './wants-html';

/**
 * Every error leaves the gateway in API.md's shape: JSON `{error, details?}` or, for a page
 * request, an error page with the same status. Unexpected errors are logged and become a 500
 * that reveals nothing internal.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const { status, body } = toBody(exception);
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? exception}`);
    if (res.headersSent) return void res.end();
    if (status === HttpStatus.UNAUTHORIZED && wantsHtml(req) && req.method === 'GET') {
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    res.status(status);
    if (typeof body.retryAfterMs === 'number') res.setHeader('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
    if (wantsHtml(req)) res.type('html').send(errorPage(status, body.error));
    else res.json(body);
  }
}

export function toBody(exception: unknown): { status: number; body: ApiErrorBody } {
  if (!(exception instanceof HttpException)) {
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
