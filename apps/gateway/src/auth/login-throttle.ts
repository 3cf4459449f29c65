import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';

const ADDRESS_FACTOR = 10;

/**
 * Counts failed logins per username and per client address in a fixed window; past the limit
 * the login answers 429 without checking the password, which stops online guessing.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(username: string, ip: string): Promise<void> {
    const [byUser, byAddress] = (await this.redis.mget(this.keys(username, ip))).map((c) => Number(c ?? 0));
    // The address limit is looser: a whole class may share one campus NAT.
    if (byUser >= this.config.LOGIN_MAX_FAILURES || byAddress >= this.config.LOGIN_MAX_FAILURES * ADDRESS_FACTOR) {
      const ttl = Math.max(1, ...(await Promise.all(this.keys(username, ip).map((k) => this.redis.ttl(k)))));
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, `too many failed logins; try again in ${ttl} s`, { retryAfterMs: ttl * 1000 });
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(username, ip)) multi.incr(key).expire(key, this.config.LOGIN_WINDOW_S, 'NX');
    await multi.exec();
  }

  async reset(username: string): Promise<void> {
    await this.redis.del(this.keys(username, '')[0]);
  }

  private keys(username: string, ip: string): string[] {
    const prefix = `${this.config.REDIS_PREFIX}:login-failures`;
    return [`${prefix}:user:${username.toLowerCase()}`, `${prefix}:ip:${ip}`];
  }
}
