import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import type { Role } from '@wb/common';
import { ApiErrors } from '@wb/common/http/openapi';
import { API_KEY_SCHEME, SESSION_SCHEME } from './auth-schemes';
import type { AuthenticatedRequest } from './authenticated-request';

export const AUTH_METADATA = 'wb:auth';

/** Who may call a route. Routes without it are public. */
export interface AuthRule {
  /** Whether an API key (Bearer) is accepted besides the session cookie. */
  apiKey: boolean;
  /**
   * Whether the API key may also come as the body field `api_key` (older course tools post it
   * that way to the grade route); a request with an Authorization header is judged by the header.
   */
  apiKeyInBody?: boolean;
  roles?: Role[];
}

/**
 * The rule for the guard, and the same rule in the OpenAPI document: its schemes and what the
 * guard answers (the 503 and the same-origin 403 are added to the document as a whole, in http/openapi.ts).
 */
function authRule(rule: AuthRule) {
  return applyDecorators(
    SetMetadata(AUTH_METADATA, rule),
    ApiCookieAuth(SESSION_SCHEME),
    ...(rule.apiKey ? [ApiBearerAuth(API_KEY_SCHEME)] : []),
    ApiErrors({
      401: rule.apiKey
        ? 'Neither a session nor a valid API key; a page request (GET, Accept: text/html) is sent to /login instead.'
        : 'No session (an API key is refused here); a page request (GET, Accept: text/html) is sent to /login instead.',
      ...(rule.roles?.length ? { 403: `The user lacks the ${rule.roles.join(' or ')} role.` } : {}),
    }),
  );
}

/** Session cookie only (pages, account changes). */
export const SessionAuth = (...roles: Role[]) => authRule({ apiKey: false, roles });
/** A route open to a signed-in browser (session cookie) or to a client with its API key. */
export const SessionOrKeyAuth = (options: { keyInBody?: boolean } = {}) => authRule({ apiKey: true, apiKeyInBody: options.keyInBody });

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
