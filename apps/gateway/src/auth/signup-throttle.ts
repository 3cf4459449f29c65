import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';

/**
 * Signups per client address in a fixed window (the address as `TRUST_PROXY` makes it): each one
 * costs a 128 MiB scrypt, so a stream of them from one place is refused with 429 before any hash.
 * Every try counts, a taken name too: the hash is what is being protected.
 */
@Injectable()
export class SignupThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async count(ip: string): Promise<void> {
    const key = `${this.config.REDIS_PREFIX}:signups:address:${ip}`;
    const [[, count], , [, ttl]] = (await this.redis.multi().incr(key).expire(key, this.config.SIGNUP_WINDOW_S, 'NX').ttl(key).exec()) as [
      [null, number],
      unknown,
      [null, number],
    ];
    if (count > this.config.SIGNUP_MAX_PER_ADDRESS) {
      const wait = Math.max(1, ttl);
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, `too many signups from this address; try again in ${wait} s`, {
        retryAfterMs: wait * 1000,
      });
    }
  }
}
