import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@wb/common';
import type { AuthenticatedRequest } from './authenticated-request';

export const AUTH_METADATA = 'wb:auth';

/** Who may call a route. Routes without it are public. */
export interface AuthRule {
  /** Whether an API key (Bearer) is accepted besides the session cookie. */
  apiKey: boolean;
  roles?: Role[];
}

/** Session cookie only (pages, account changes). */
export const SessionAuth = (...roles: Role[]) => SetMetadata(AUTH_METADATA, { apiKey: false, roles } satisfies AuthRule);
/** A route open to a signed-in browser (session cookie) or to a client with its API key. */
export const SessionOrKeyAuth = () => SetMetadata(AUTH_METADATA, { apiKey: true } satisfies AuthRule);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
