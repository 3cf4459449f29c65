import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@wb/common';
import { AUTH_METADATA, AuthRule } from './auth.decorators';
import { AuthenticatedRequest, RequestUser, requestUserOf } from './authenticated-request';
import { assertSameOriginStateChange } from './same-origin';
import { SESSION_COOKIE, SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/**
 * Authenticates routes marked with an {@link AuthRule}: by session cookie, or by API key where
 * the route allows it. A cookie-authenticated state change must come from our own origin
 * (CSRF); an API key cannot be sent by a browser on its own, so it needs no such check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AuthRule | undefined>(AUTH_METADATA, [context.getHandler(), context.getClass()]);
    if (!rule) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const bearer = bearerToken(req) ?? (rule.apiKeyInBody ? bodyApiKey(req) : undefined);
    let user: RequestUser | null = null;
    if (bearer !== undefined) {
      if (!rule.apiKey) throw new ApiError(HttpStatus.UNAUTHORIZED, 'this route needs a login session, not an API key');
      const owner = await this.users.findByApiKey(bearer);
      if (!owner) throw new ApiError(HttpStatus.UNAUTHORIZED, 'the API key is not valid (it may have been regenerated)');
      user = requestUserOf(owner);
      req.authMethod = 'api_key';
    } else {
      const sessionId = req.cookies?.[SESSION_COOKIE];
      user = sessionId ? await this.sessions.user(sessionId) : null;
      if (!user) throw new ApiError(HttpStatus.UNAUTHORIZED, 'log in first');
      assertSameOriginStateChange(req);
      req.authMethod = 'session';
    }
    if (rule.roles?.length && !rule.roles.includes(user.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, `this needs the ${rule.roles.join(' or ')} role`);
    }
    req.user = user;
    return true;
  }
}

/**
 * The body's `api_key`, judged as a Bearer key would be: a blank or non-string one is a key
 * that matches no user, so it gets exactly the 401 a wrong key gets.
 */
function bodyApiKey(req: FastifyRequest): string | undefined {
  const key = (req.body as { api_key?: unknown } | undefined)?.api_key;
  if (key === undefined) return undefined;
  return typeof key === 'string' && key.trim() !== '' ? key.trim() : '-';
}

function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(HttpStatus.UNAUTHORIZED, 'Authorization must be "Bearer <API key>"');
  return match[1];
}
