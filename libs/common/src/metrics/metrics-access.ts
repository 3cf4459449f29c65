import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { ApiError } from '../http/api-error';

/** Headers a proxy adds: a request that carries one came from further away than the socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export interface MetricsRefusal {
  status: HttpStatus.UNAUTHORIZED | HttpStatus.FORBIDDEN;
  message: string;
}

/**
 * Who may read /metrics. The series hold no secret and no student's data, but they are the
 * operators' (load, failures, fleet): not for anyone who finds the port. With METRICS_TOKEN set,
 * a client presents it as a bearer token, wherever it is (a Prometheus holds no login session,
 * and a token of its own cannot post verdicts as the worker token could). Without one, only a
 * client on this machine's loopback is answered, and not through a proxy on it (a forwarding
 * header), which would make the whole internet look local. Null when the request may read.
 */
export function metricsRefusal(req: IncomingMessage, token: string | undefined): MetricsRefusal | null {
  if (token !== undefined) {
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (presented !== undefined && timingSafeEqual(digest(presented), digest(token))) return null;
    return { status: HttpStatus.UNAUTHORIZED, message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' };
  }
  const forwarded = FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
  if (isLoopback(req.socket.remoteAddress) && !forwarded) return null;
  return {
    status: HttpStatus.FORBIDDEN,
    message:
      'without METRICS_TOKEN, /metrics answers only this machine (not through a proxy); set METRICS_TOKEN to scrape it from elsewhere',
  };
}

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || v4.startsWith('127.');
}

/** Equal lengths for the constant-time comparison, whatever was presented. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** {@link metricsRefusal} for a Nest route: 401 or 403 with the API's error body. */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const refusal = metricsRefusal(context.switchToHttp().getRequest<IncomingMessage>(), this.config.METRICS_TOKEN);
    if (refusal) throw new ApiError(refusal.status, refusal.message);
    return true;
  }
}
