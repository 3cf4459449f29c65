import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, HEALTH_JOB_NAME, HEALTH_SCHEDULER_ID, QUEUE } from '@wb/common';
import { Queue } from 'bullmq';

/** How often a replica checks that the scheduler is still in Redis, at the least. */
const CHECK_EVERY_MIN_MS = 5_000;

/**
 * Every replica upserts the same job scheduler (same id): BullMQ keeps one, so the fleet probes
 * once per interval however many notifiers run, and the interval follows the latest config.
 * The scheduler lives in Redis, and a Redis that restarts empty (most keep nothing on disk)
 * takes it along, with every probe and stranded-attempt sweep after it: so each replica puts it
 * back whenever its connection is ready again, and checks on a timer of its own that it is there.
 */
@Injectable()
export class HealthScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue(QUEUE.health) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsert();
    const client = await this.queue.getBackend().client;
    client.on('ready', () => this.ensure('the Redis connection is back'));
    const every = Math.max(CHECK_EVERY_MIN_MS, 3 * this.config.HEALTH_PROBE_INTERVAL_MS);
    this.timer = setInterval(() => this.ensure('the periodic check'), every);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Puts the scheduler back if Redis lost it; a Redis still down is tried again next time. */
  private ensure(why: string): void {
    this.queue
      .getJobScheduler(HEALTH_SCHEDULER_ID)
      .then(async (scheduler) => {
        if (scheduler) return;
        await this.upsert();
        this.logger.warn(`the health job scheduler was gone from Redis (${why} found it so): created again`);
      })
      .catch((error: Error) => this.logger.warn(`could not check the health job scheduler: ${error.message}`));
  }

  private upsert(): Promise<unknown> {
    return this.queue.upsertJobScheduler(
      HEALTH_SCHEDULER_ID,
      { every: this.config.HEALTH_PROBE_INTERVAL_MS },
      { name: HEALTH_JOB_NAME, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }
}
