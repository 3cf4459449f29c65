import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, runCancelChannel } from '@wb/common';
import Redis from 'ioredis';
import { JobTracker } from './job-tracker';

/**
 * Hears the gateway say that a staff member cancelled a running attempt, and stops its box if it
 * runs here. A message missed while Redis was away costs only the slot's time: the attempt is
 * already cancelled, so its verdict is ignored.
 */
@Injectable()
export class RunCancelListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunCancelListener.name);
  private subscriber?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobTracker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const channel = runCancelChannel(this.config.REDIS_PREFIX);
    this.subscriber = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.subscriber.on('error', (err: Error) => this.logger.warn(`cancel channel: ${err.message}`));
    this.subscriber.on('message', (_channel: string, attemptId: string) => this.jobs.cancel(attemptId));
    await this.subscriber.subscribe(channel); // ioredis subscribes again after a reconnect
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
