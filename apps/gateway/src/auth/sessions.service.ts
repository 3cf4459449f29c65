import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import { sameSecret } from './same-secret';
import Redis from 'ioredis';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { RequestUser, requestUserOf } from './authenticated-request';
import { SessionMemo } from './session-memo';
import { SessionsRepository } from './sessions.repository';

export const SESSION_COOKIE = 'wb_session';

/** Expired sessions removed from Postgres per sign-in, so the table never grows without bound. */
const PURGE_PER_CREATE = 100;

/**
 * How long a cached session is trusted before Postgres is asked again at most: it bounds how long
 * a session deleted there (signed out elsewhere, purged) or a user's new role takes to reach every
 * gateway. Each check also slides the session's expiry in Postgres.
 */
const RECHECK_MS = 60_000;
/**
 * Each check's next one comes between this share of RECHECK_MS and all of it, at random: a class
 * whose sessions were first checked in the same few seconds (signed in together, or the first
 * requests after a gateway restart) would otherwise come back to Postgres together every minute,
 * thousands of renewals in a moment, in the middle of their autosaves.
 */
const RECHECK_SPREAD_FROM = 0.75;

/** When a session checked in Postgres now is to be checked again. */
function nextCheckAt(): number {
  return Date.now() + Math.round(RECHECK_MS * (RECHECK_SPREAD_FROM + (1 - RECHECK_SPREAD_FROM) * Math.random()));
}

interface CachedSession {
  user: RequestUser;
  /** When Postgres is to be asked again (an entry without it, from an older gateway, is asked at once). */
  recheckAt: number;
}

/**
 * Browser sessions. A session lives in Postgres (the `sessions` table, through its repository), so
 * that a Redis restarted empty signs nobody out, and in Redis, which answers requests with the
 * session's user in one round trip (any gateway can serve any request). The cookie holds a random
 * id; both stores hold only its HMAC, so a copy of either hands out no live session. Redis is
 * shared with the workers, which run students' programs: a cached entry is sealed with a key only
 * gateways hold, so whatever else writes there (a worker host taken over) cannot point a session
 * at another user or role; an entry that fails the check is asked of Postgres. Redis's copy slides
 * its lifetime on every request; Postgres is asked again, and slid, once a cached copy is
 * {@link RECHECK_MS} old.
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
    private readonly memo: SessionMemo,
  ) {
    this.secret = config.SESSION_SECRET;
    this.cacheKey = Buffer.from(hkdfSync('sha256', this.secret, 'wb', 'session-cache', 32));
  }

  async create(user: RequestUser): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const mac = this.mac(id);
    await this.sessions.insert({ id: mac, userId: user.id, expiresAt: this.expiry() });
    await this.cache(mac, requestUserOf(user), nextCheckAt()).catch((e: Error) =>
      this.logger.warn(`new session not cached in Redis: ${e.message}`),
    );
    await this.sessions.purgeExpired(PURGE_PER_CREATE);
    return id;
  }

  /** The session's user, renewing the session's lifetime; null when unknown or expired. */
  async user(id: string): Promise<RequestUser | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const remembered = this.memo.get(id);
    if (remembered) return remembered;
    const mark = this.memo.mark();
    const mac = this.mac(id);
    const cached = await this.cached(mac);
    if (cached && Date.now() < cached.recheckAt) {
      this.memo.put(id, mac, cached.user, cached.recheckAt, mark);
      return cached.user;
    }
    // Not in Redis (expired, or Redis lost it: restarted empty, or unreachable), or due a check.
    let user: RequestUser | null;
    try {
      user = await this.sessions.renew(mac, this.expiry());
    } catch (err) {
      if (!cached) throw err;
      // Postgres out of reach: the sealed copy answers until it can be checked, as it did before.
      this.logger.warn(`session not checked in Postgres, the cached copy answers until it can be: ${(err as Error).message}`);
      return cached.user;
    }
    if (!user) {
      if (cached) await this.redis.del(this.key(mac)).catch(() => undefined); // the next request asks Postgres anyway
      return null;
    }
    const recheckAt = nextCheckAt();
    await this.cache(mac, user, recheckAt).catch((e: Error) => this.logger.warn(`session not cached in Redis: ${e.message}`));
    this.memo.put(id, mac, user, recheckAt, mark);
    return user;
  }

  /**
   * Drops the cached copies of the user's sessions, so that a change to the user (a new role)
   * shows at each session's next request rather than at its next check. A Redis out of reach
   * leaves them to that check.
   */
  async forgetCachedUser(userId: string): Promise<void> {
    const macs = await this.sessions.idsOfUser(userId);
    if (!macs.length) return;
    const dropped = async () => {
      await this.redis.del(...macs.map((mac) => this.key(mac)));
      await this.memo.revokeUser(userId);
    };
    await dropped().catch((e: Error) => {
      this.logger.warn(`cached sessions of user ${userId} not dropped (they are checked within a minute): ${e.message}`);
    });
  }

  /** Both copies go; a Redis out of reach fails the sign-out (the cookie stays), so the cached copy cannot come back to life. */
  async destroy(id: string): Promise<void> {
    const mac = this.mac(id);
    await this.sessions.delete(mac);
    await this.redis.del(this.key(mac));
    await this.memo.revokeSession(mac);
  }

  /** Redis out of reach counts as a miss: Postgres still knows the session. */
  private async cached(mac: string): Promise<CachedSession | null> {
    const value = await this.redis.getex(this.key(mac), 'EX', this.config.SESSION_TTL_S).catch((e: Error) => {
      this.logger.warn(`session lookup in Redis failed, asking Postgres: ${e.message}`);
      return null;
    });
    if (!value) return null;
    const sealed = value.lastIndexOf('|');
    const body = value.slice(0, sealed);
    // An older gateway's entry has another shape and fails the seal: Postgres answers, and it is cached anew.
    if (sealed < 0 || !sameSecret(this.seal(mac, body), value.slice(sealed + 1))) {
      this.logger.warn(`a cached session failed its seal (an older gateway's entry, or something else wrote it); asking Postgres`);
      return null;
    }
    return JSON.parse(body) as CachedSession;
  }

  /** Caches the session just checked in Postgres, to be checked again at `recheckAt`. */
  private async cache(mac: string, user: RequestUser, recheckAt: number): Promise<void> {
    const body = JSON.stringify({ user, recheckAt } satisfies CachedSession);
    await this.redis.set(this.key(mac), `${body}|${this.seal(mac, body)}`, 'EX', this.config.SESSION_TTL_S);
  }

  /** Binds the entry to its key: a sealed entry moved under another session's key fails too. */
  private seal(mac: string, body: string): string {
    return createHmac('sha256', this.cacheKey).update(`${mac}|${body}`).digest('base64url');
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
