import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, HEALTH_JOB_NAME, HEALTH_SCHEDULER_ID, QUEUE } from '@wb/common';
import { Queue } from 'bullmq';

/**
 * Every replica upserts the same job scheduler (same id): BullMQ keeps one, so the fleet probes
 * once per interval however many notifiers run, and the interval follows the latest config.
 */
@Injectable()
export class HealthScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUE.health) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      HEALTH_SCHEDULER_ID,
      { every: this.config.HEALTH_PROBE_INTERVAL_MS },
      { name: HEALTH_JOB_NAME, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }
}
