import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { toBody } from '@wb/common';
import type { Request, Response } from 'express';

/** The `{error}` JSON for every failure of the worker's API. */
@Catch()
export class WorkerErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = toBody(exception);
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? exception}`);
    if (!res.headersSent) res.status(status).json(body);
  }
}
