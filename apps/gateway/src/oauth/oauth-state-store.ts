import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';

/** What the login remembers between leaving for the provider and coming back. */
export interface LoginState {
  origin: string;
}

type Stored = (err: Error | null, state?: string) => void;
type Verified = (err: Error | null, ok: false | true, state?: LoginState | { message: string }) => void;

const TTL_S = 600;

/**
 * passport-oauth2's state store, in Redis rather than a server-side session (the gateway has
 * none before login, and any gateway may receive the callback). A state is random, single use
 * (GETDEL) and expires after ten minutes, so a forged or replayed callback is refused.
 */
@Injectable()
export class OAuthStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  // passport-oauth2 picks the call form by arity: (req, appState, meta, callback).
  store(_req: unknown, appState: LoginState, _meta: unknown, callback: Stored): void {
    const state = randomBytes(24).toString('base64url');
    this.redis.set(this.key(state), JSON.stringify(appState), 'EX', TTL_S).then(
      () => callback(null, state),
      (err: Error) => callback(err),
    );
  }

  // (req, providedState, meta, callback)
  verify(_req: unknown, provided: string, _meta: unknown, callback: Verified): void {
    if (typeof provided !== 'string' || !/^[A-Za-z0-9_-]{32}$/.test(provided)) {
      return callback(null, false, { message: 'the login state is missing or malformed' });
    }
    this.redis.getdel(this.key(provided)).then(
      (json) =>
        json
          ? callback(null, true, JSON.parse(json) as LoginState)
          : callback(null, false, { message: 'the login state is unknown or expired' }),
      (err: Error) => callback(err, false),
    );
  }

  private key(state: string): string {
    return `${this.config.REDIS_PREFIX}:oauth-state:${state}`;
  }
}
