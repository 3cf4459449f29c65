import type { INestApplication } from '@nestjs/common';
import { REQUEST_ID_HEADER, requestIdFrom, withLogContext } from '@wb/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Gives each request an id (the client's X-Request-Id when it is sane, else a new one), answers
 * it in X-Request-Id, and has every log line made while handling the request carry it, the run
 * job it queues too. Installed first, so that every answer has one, a refused body's too.
 */
export function installRequestIds(app: INestApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader('X-Request-Id', requestId);
    withLogContext({ requestId }, next);
  });
}
