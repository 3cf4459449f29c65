import { Inject, Injectable } from '@nestjs/common';
import { AnalysisAction, AppConfig, REDIS, takeIntervalSlot } from '@wb/common';
import Redis from 'ioredis';

/**
 * One "Check memory" per CHECK_INTERVAL_MS and one "Profile" per PROFILE_INTERVAL_MS, per user
 * and lab ({@link takeIntervalSlot}, as SubmissionLimiter does): each holds a GPU far longer
 * than a run. Returns 0 when allowed, else the milliseconds left to wait.
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

  tryAcquire(userId: string, mpId: string, action: AnalysisAction): Promise<number> {
    return takeIntervalSlot(this.redis, this.key(userId, mpId, action), this.intervalMs(action));
  }

  /** Gives the slot back: the request failed before anything was queued. */
  async release(userId: string, mpId: string, action: AnalysisAction): Promise<void> {
    await this.redis.del(this.key(userId, mpId, action));
  }

  private key(userId: string, mpId: string, action: AnalysisAction): string {
    return `${this.config.REDIS_PREFIX}:${action}-limit:${userId}:${mpId}`;
  }
}
