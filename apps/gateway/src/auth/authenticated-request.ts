import type { Request } from 'express';
import type { User } from '@wb/common';

/** How the request proved who it is: the cookie (a browser) or an API key (the local client). */
export type AuthMethod = 'session' | 'api_key';

export interface AuthenticatedRequest extends Request {
  user: User;
  authMethod: AuthMethod;
}
