import type { SecuritySchemeObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from './sessions.service';

/** The names of the gateway's ways to authenticate in its OpenAPI document. */
export const SESSION_SCHEME = 'session';
export const API_KEY_SCHEME = 'apiKey';

export const AUTH_SCHEMES: Record<string, SecuritySchemeObject> = {
  [SESSION_SCHEME]: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session cookie set by `POST /login`, `POST /signup`, an OAuth2 or an LTI launch (HttpOnly, SameSite=Lax). ' +
      'A state change (any method but GET, HEAD, OPTIONS) made with it from a browser must come from this site: ' +
      'an `Origin` or `Referer` of another host is a 403.',
  },
  [API_KEY_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description:
      "`Authorization: Bearer <API key>`: the user's key from `GET /whoami`, for the `wb` client and scripts. Only routes that say so take it.",
  },
};
