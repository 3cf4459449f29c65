import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS, takeIntervalSlot } from '@wb/common';
import Redis from 'ioredis';

/** One submission per user per interval ({@link takeIntervalSlot}): 0 when allowed, else the milliseconds left to wait. */
@Injectable()
export class SubmissionLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  tryAcquire(userId: string): Promise<number> {
    return takeIntervalSlot(this.redis, `${this.config.REDIS_PREFIX}:submit-limit:${userId}`, this.config.SUBMIT_INTERVAL_MS);
  }
}
