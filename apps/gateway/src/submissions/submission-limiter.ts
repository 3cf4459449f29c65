import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';

/**
 * One submission per user per interval, decided atomically in Redis (SET NX PX), so it holds
 * across any number of gateways. Returns 0 when allowed, else the milliseconds left to wait.
 */
@Injectable()
export class SubmissionLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async tryAcquire(userId: string): Promise<number> {
    const interval = this.config.SUBMIT_INTERVAL_MS;
    if (interval === 0) return 0;
    const key = `${this.config.REDIS_PREFIX}:submit-limit:${userId}`;
    if ((await this.redis.set(key, '1', 'PX', interval, 'NX')) === 'OK') return 0;
    const left = await this.redis.pttl(key);
    return left > 0 ? left : 1; // expired between the two calls: a retry right away succeeds
  }
}
