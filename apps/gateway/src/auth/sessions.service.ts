import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';
import { createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'wb_session';

/**
 * Sessions live in Redis so any gateway can serve any request. The cookie holds a random id;
 * Redis holds only its HMAC, so a copy of Redis does not hand out live sessions.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async create(userId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(id), userId, 'EX', this.config.SESSION_TTL_S);
    return id;
  }

  /** The session's user, renewing the session's lifetime; null when unknown or expired. */
  async userId(id: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    return this.redis.getex(this.key(id), 'EX', this.config.SESSION_TTL_S);
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    const mac = createHmac('sha256', this.config.SESSION_SECRET).update(id).digest('base64url');
    return `${this.config.REDIS_PREFIX}:session:${mac}`;
  }
}
