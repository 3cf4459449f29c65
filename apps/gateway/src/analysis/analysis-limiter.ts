import { Inject, Injectable } from '@nestjs/common';
import { AnalysisAction, AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';

/**
 * One "Check memory" per CHECK_INTERVAL_MS and one "Profile" per PROFILE_INTERVAL_MS, per user
 * and lab, decided atomically in Redis (SET NX PX) as SubmissionLimiter does: each holds a GPU
 * far longer than a run. Returns 0 when allowed, else the milliseconds left to wait.
 */
@Injectable()
export class AnalysisLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  intervalMs(action: AnalysisAction): number {
    return action === 'check' ? this.config.CHECK_INTERVAL_MS : this.config.PROFILE_INTERVAL_MS;
  }

  async tryAcquire(userId: string, mpId: string, action: AnalysisAction): Promise<number> {
    const interval = this.intervalMs(action);
    if (interval === 0) return 0;
    const key = `${this.config.REDIS_PREFIX}:${action}-limit:${userId}:${mpId}`;
    if ((await this.redis.set(key, '1', 'PX', interval, 'NX')) === 'OK') return 0;
    const left = await this.redis.pttl(key);
    return left > 0 ? left : 1;
  }

  /** Gives the slot back: the request failed before anything was queued. */
  async release(userId: string, mpId: string, action: AnalysisAction): Promise<void> {
    await this.redis.del(`${this.config.REDIS_PREFIX}:${action}-limit:${userId}:${mpId}`);
  }
}
