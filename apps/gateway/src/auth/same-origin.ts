import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@wb/common';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A cookie-authenticated state change (any method but GET, HEAD and OPTIONS) must come from our
 * own origin: browsers always send Origin on cross-site POSTs, and a mismatch is a forged request.
 */
export function assertSameOriginStateChange(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  if (origin === undefined) return; // not a browser (curl, tests): SameSite=Lax already kept the cookie from other sites
  const host = req.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ApiError(HttpStatus.FORBIDDEN, 'the request came from another site');
  }
  if (originHost !== host) throw new ApiError(HttpStatus.FORBIDDEN, 'the request came from another site');
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}
