import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toBody } from '@wb/common';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { errorPage } from './error-page';
import { wantsHtml } from './wants-html';

/**
 * Every error leaves the gateway in one shape: JSON `{error, details?}` or, for a page
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
    if (status === HttpStatus.SERVICE_UNAVAILABLE)
      this.logger.warn(`${req.method} ${req.originalUrl}: 503, ${(exception as Error)?.message ?? exception}`);
    else if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? exception}`);
    // A refused request is the client's affair, and some are frequent (429s in class): seen with LOG_LEVEL=debug.
    else this.logger.debug(`${req.method} ${req.originalUrl}: ${status}, ${body.error}`);
    if (res.headersSent) return void res.end();
    if (status === HttpStatus.UNAUTHORIZED && wantsHtml(req) && req.method === 'GET') {
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    res.status(status);
    if (typeof body.retryAfterMs === 'number') res.setHeader('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
    // The guard has set the user where the route is authenticated (a 404 for a lab, a 403 for staff pages).
    if (wantsHtml(req)) res.type('html').send(errorPage(status, body.error, (req as Partial<AuthenticatedRequest>).user));
    else res.json(body);
  }
}
