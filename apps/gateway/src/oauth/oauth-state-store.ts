import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { sameSecret } from '../auth/same-secret';

/** What the login remembers between leaving for the provider and coming back. */
export interface LoginState {
  origin: string;
}

/** The browser that started a login, by a random value in a cookie of its own (path /oauth_login). */
export const LOGIN_BROWSER_COOKIE = 'wb_login_browser';

interface StoredState extends LoginState {
  /** sha256 of the starting browser's cookie value. */
  browser: string;
}

/** The request passport hands the store: Fastify's, with the reply that carries the login's cookie. */
export type LoginRequest = FastifyRequest & { loginReply: FastifyReply };

type Stored = (err: Error | null, state?: string) => void;
type Verified = (err: Error | null, ok: false | true, state?: LoginState | { message: string }) => void;

const TTL_S = 600;

/**
 * passport-oauth2's state store, in Redis rather than a server-side session (the gateway has
 * none before login, and any gateway may receive the callback). A state is random, single use
 * (GETDEL) and expires after ten minutes, so a forged or replayed callback is refused. It is
 * also bound to the browser that started the login (a cookie): a callback carrying someone
 * else's state, say an attacker's own login sent to a student as a link (login CSRF), is refused.
 */
@Injectable()
export class OAuthStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  // passport-oauth2 picks the call form by arity: (req, appState, meta, callback).
  store(req: LoginRequest, appState: LoginState, _meta: unknown, callback: Stored): void {
    const state = randomBytes(24).toString('base64url');
    // One value per browser, kept while it has one, so that two tabs can log in at once.
    const browser = browserCookie(req) ?? randomBytes(24).toString('base64url');
    req.loginReply.setCookie(LOGIN_BROWSER_COOKIE, browser, {
      httpOnly: true,
      sameSite: 'lax', // sent on the provider's redirect back, a top-level GET
      secure: this.config.cookieSecure,
      path: '/oauth_login',
      maxAge: TTL_S,
      expires: new Date(Date.now() + TTL_S * 1000),
    });
    const stored: StoredState = { ...appState, browser: digest(browser) };
    this.redis.set(this.key(state), JSON.stringify(stored), 'EX', TTL_S).then(
      () => callback(null, state),
      (err: Error) => callback(err),
    );
  }

  // (req, providedState, meta, callback)
  verify(req: FastifyRequest, provided: string, _meta: unknown, callback: Verified): void {
    if (typeof provided !== 'string' || !/^[A-Za-z0-9_-]{32}$/.test(provided)) {
      return callback(null, false, { message: 'the login state is missing or malformed' });
    }
    this.redis.getdel(this.key(provided)).then(
      (json) => {
        if (!json) return callback(null, false, { message: 'the login state is unknown or expired' });
        const { browser, ...state } = JSON.parse(json) as StoredState;
        const cookie = browserCookie(req);
        if (!cookie || !sameSecret(digest(cookie), browser))
          return callback(null, false, { message: 'this login was started in another browser' });
        callback(null, true, state);
      },
      (err: Error) => callback(err, false),
    );
  }

  private key(state: string): string {
    return `${this.config.REDIS_PREFIX}:oauth-state:${state}`;
  }
}

function browserCookie(req: FastifyRequest): string | undefined {
  const value: unknown = req.cookies?.[LOGIN_BROWSER_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32}$/.test(value) ? value : undefined;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
