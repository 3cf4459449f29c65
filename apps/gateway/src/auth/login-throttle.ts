import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';

const ADDRESS_FACTOR = 10;

/**
 * Counts failed logins per account and client address together, and per address, in a fixed
 * window; past either limit the login answers 429 without checking the password, which stops
 * online guessing. Never per account alone: failures from one address must not lock the
 * account's owner out from another.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(username: string, ip: string): Promise<void> {
    const [byAccountHere, byAddress] = (await this.redis.mget(this.keys(username, ip))).map((c) => Number(c ?? 0));
    // The address limit is looser: a whole class may share one campus NAT.
    if (byAccountHere >= this.config.LOGIN_MAX_FAILURES || byAddress >= this.config.LOGIN_MAX_FAILURES * ADDRESS_FACTOR) {
      const ttl = Math.max(1, ...(await Promise.all(this.keys(username, ip).map((k) => this.redis.ttl(k)))));
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, `too many failed logins; try again in ${ttl} s`, { retryAfterMs: ttl * 1000 });
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(username, ip)) multi.incr(key).expire(key, this.config.LOGIN_WINDOW_S, 'NX');
    await multi.exec();
  }

  /** After a good login: this address's failures at this account are forgotten. */
  async reset(username: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(username, ip)[0]);
  }

  private keys(username: string, ip: string): string[] {
    const prefix = `${this.config.REDIS_PREFIX}:login-failures`;
    return [`${prefix}:account-address:${encodeURIComponent(username.toLowerCase())}:${ip}`, `${prefix}:address:${ip}`];
  }
}
