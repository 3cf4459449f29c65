import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toBody } from '@wb/common';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { errorPage } from './error-page';
import { redirectTo, sendHtml } from './reply';
import { wantsHtml } from './wants-html';

/**
 * Every error leaves the gateway in one shape: JSON `{error, details?}` or, for a page
 * request, an error page with the same status. Unexpected errors are logged and become a 500
 * that reveals nothing internal.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendError(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }
}

const logger = new Logger('HTTP');

/** The filter's answer, for the few requests that Nest's routing does not see (the queue board's). */
export function sendError(exception: unknown, req: FastifyRequest, res: FastifyReply): void {
  const { status, body } = toBody(exception);
  if (status === HttpStatus.SERVICE_UNAVAILABLE)
    logger.warn(`${req.method} ${req.originalUrl}: 503, ${(exception as Error)?.message ?? exception}`);
  else if (status >= 500) logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? exception}`);
  // A refused request is the client's affair, and some are frequent (429s in class): seen with LOG_LEVEL=debug.
  else logger.debug(`${req.method} ${req.originalUrl}: ${status}, ${body.error}`);
  if (res.sent || res.raw.headersSent) return void res.raw.end();
  if (status === HttpStatus.UNAUTHORIZED && wantsHtml(req) && req.method === 'GET') {
    return redirectTo(res, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
  if (typeof body.retryAfterMs === 'number') res.header('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
  // The guard has set the user where the route is authenticated (a 404 for a lab, a 403 for staff pages).
  if (wantsHtml(req)) sendHtml(res, errorPage(status, body.error, (req as Partial<AuthenticatedRequest>).user), status);
  else res.status(status).send(body);
}
