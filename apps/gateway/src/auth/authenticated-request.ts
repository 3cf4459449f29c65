import type { FastifyRequest } from 'fastify';
import type { User } from '@wb/common';

/** How the request proved who it is: the cookie (a browser) or an API key (the local client). */
export type AuthMethod = 'session' | 'api_key';

/**
 * Who made the request: what routes need of the user, and small enough to travel with a cached
 * session, so that a signed-in request costs no database read. Secrets (password and API key
 * hashes) are never part of it.
 */
export type RequestUser = Pick<User, 'id' | 'username' | 'role'>;

export function requestUserOf(user: RequestUser): RequestUser {
  return { id: user.id, username: user.username, role: user.role };
}

export interface AuthenticatedRequest extends FastifyRequest {
  user: RequestUser;
  authMethod: AuthMethod;
}
