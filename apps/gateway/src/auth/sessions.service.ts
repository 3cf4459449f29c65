import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import { sameSecret } from './same-secret';
import Redis from 'ioredis';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { SessionsRepository } from './sessions.repository';

export const SESSION_COOKIE = 'wb_session';

/** Expired sessions removed from Postgres per sign-in, so the table never grows without bound. */
const PURGE_PER_CREATE = 100;

/**
 * Browser sessions. A session lives in Postgres (the `sessions` table, through its repository), so
 * that a Redis restarted empty signs nobody out, and in Redis, which answers every request (any
 * gateway can serve any request). The cookie holds a random id; both stores hold only its HMAC, so
 * a copy of either hands out no live session. Redis is shared with the workers, which run
 * students' programs: a cached entry is sealed with a key only gateways hold, so whatever else
 * writes there (a worker host taken over) cannot point a session at another user; an entry that
 * fails the check is asked of Postgres. Its lifetime slides with use: Redis's on every request,
 * Postgres's when the cached copy says it was renewed there more than a tenth of the lifetime ago.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  private readonly secret: string;
  private readonly cacheKey: Buffer;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
  ) {
    this.secret = config.SESSION_SECRET;
    this.cacheKey = Buffer.from(hkdfSync('sha256', this.secret, 'wb', 'session-cache', 32));
  }

  async create(userId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const mac = this.mac(id);
    await this.sessions.insert({ id: mac, userId, expiresAt: this.expiry() });
    await this.cache(mac, userId).catch((e: Error) => this.logger.warn(`new session not cached in Redis: ${e.message}`));
    await this.sessions.purgeExpired(PURGE_PER_CREATE);
    return id;
  }

  /** The session's user, renewing the session's lifetime; null when unknown or expired. */
  async userId(id: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const mac = this.mac(id);
    const cached = await this.cached(mac);
    if (cached) {
      if (Date.now() - cached.renewedAt > (this.config.SESSION_TTL_S * 1000) / 10)
        await this.renew(mac, cached.userId).catch((e: Error) =>
          this.logger.warn(`session not renewed in Postgres, next request tries again: ${e.message}`),
        );
      return cached.userId;
    }
    // Not in Redis: expired, or Redis lost it (restarted empty, or unreachable).
    const userId = await this.sessions.liveUserId(mac);
    if (!userId) return null;
    await this.renew(mac, userId);
    return userId;
  }

  /** Both copies go; a Redis out of reach fails the sign-out (the cookie stays), so the cached copy cannot come back to life. */
  async destroy(id: string): Promise<void> {
    const mac = this.mac(id);
    await this.sessions.delete(mac);
    await this.redis.del(this.key(mac));
  }

  /** Postgres first: what Redis says must never outlive what Postgres holds. */
  private async renew(mac: string, userId: string): Promise<void> {
    await this.sessions.renew({ id: mac, userId, expiresAt: this.expiry() });
    await this.cache(mac, userId).catch((e: Error) => this.logger.warn(`session not cached in Redis: ${e.message}`));
  }

  /** Redis out of reach counts as a miss: Postgres still knows the session. */
  private async cached(mac: string): Promise<{ userId: string; renewedAt: number } | null> {
    const value = await this.redis.getex(this.key(mac), 'EX', this.config.SESSION_TTL_S).catch((e: Error) => {
      this.logger.warn(`session lookup in Redis failed, asking Postgres: ${e.message}`);
      return null;
    });
    if (!value) return null;
    const [userId, renewedAt, seal] = value.split('|');
    if (seal === undefined) return null; // an older gateway's entry: Postgres answers, and it is sealed anew
    if (!sameSecret(this.seal(mac, userId, renewedAt), seal)) {
      this.logger.warn(`a cached session failed its seal (something other than a gateway wrote it); asking Postgres`);
      return null;
    }
    return { userId, renewedAt: Number(renewedAt) || 0 };
  }

  private async cache(mac: string, userId: string): Promise<void> {
    const renewedAt = String(Date.now());
    const value = `${userId}|${renewedAt}|${this.seal(mac, userId, renewedAt)}`;
    await this.redis.set(this.key(mac), value, 'EX', this.config.SESSION_TTL_S);
  }

  /** Binds the entry to its key: a sealed entry moved under another session's key fails too. */
  private seal(mac: string, userId: string, renewedAt: string): string {
    return createHmac('sha256', this.cacheKey).update(`${mac}|${userId}|${renewedAt}`).digest('base64url');
  }

  private expiry(): Date {
    return new Date(Date.now() + this.config.SESSION_TTL_S * 1000);
  }

  private mac(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }

  private key(mac: string): string {
    return `${this.config.REDIS_PREFIX}:session:${mac}`;
  }
}
