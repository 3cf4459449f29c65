import { Injectable, Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';

/**
 * Knows the queue consumers and the jobs running, so that a graceful stop can stop taking
 * jobs, let the running ones finish, and only then leave.
 */
@Injectable()
export class JobTracker {
  private readonly logger = new Logger(JobTracker.name);
  private readonly consumers: Worker[] = [];
  private active = 0;
  stopping = false;

  addConsumer(worker: Worker): void {
    this.consumers.push(worker);
  }

  get running(): number {
    return this.active;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
    }
  }

  /** Stops taking jobs; resolves when the jobs already running have finished. */
  async drain(): Promise<void> {
    this.stopping = true;
    this.logger.log(`stopping: no new jobs; waiting for ${this.active} running`);
    await Promise.all(this.consumers.map((w) => w.close()));
  }
}
