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
  paused = false;

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

  /**
   * Stops (or starts again) taking new jobs while staying registered: what a worker the notifier
   * marked down does. Running jobs are not waited for; they finish, or fail and BullMQ retries them.
   */
  async setPaused(paused: boolean, why: string): Promise<void> {
    if (paused === this.paused || this.stopping) return;
    this.paused = paused;
    if (paused) await Promise.all(this.consumers.map((w) => w.pause(true)));
    else for (const w of this.consumers) w.resume();
    this.logger.warn(`${paused ? 'paused: taking no new jobs' : 'resumed: taking jobs again'} (${why})`);
  }

  /** Stops taking jobs; resolves when the jobs already running have finished. */
  async drain(): Promise<void> {
    this.stopping = true;
    this.logger.log(`stopping: no new jobs; waiting for ${this.active} running`);
    await Promise.all(this.consumers.map((w) => w.close()));
  }
}
