import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { IncomingHttpHeaders } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error';

/** Worker routes: `Authorization: Bearer <WORKER_TOKEN>`, compared in constant time. */
@Injectable()
export class WorkerTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = digest(config.WORKER_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token || !timingSafeEqual(digest(token), this.expected)) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'this route needs the worker token');
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
