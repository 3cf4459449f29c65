import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * `POST /mp/:mp_id/grade` takes the API key as a body field too (older course tools post it
 * that way). Presenting it as the Bearer header lets the one auth guard judge it, so a wrong or
 * regenerated key gets exactly the 401 a wrong Bearer key gets. A request that sends both is
 * judged by its header.
 */
@Injectable()
export class ApiKeyBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const key = (req.body as { api_key?: unknown } | undefined)?.api_key;
    if (req.headers.authorization === undefined && key !== undefined) {
      req.headers.authorization = `Bearer ${typeof key === 'string' && key.trim() !== '' ? key.trim() : '-'}`;
    }
    next();
  }
}
