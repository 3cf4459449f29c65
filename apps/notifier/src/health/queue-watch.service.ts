import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, oldestWaitMs, REDIS, RunQueues, Toolchain, toolchainSpec, WorkersRepository } from '@wb/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { IncidentsService } from './incidents.service';

/**
 * Watches the run queues themselves: students wait when a queue's oldest job grows old or when
 * nothing consumes it, whatever the worker rows say.
 */
@Injectable()
export class QueueWatchService {
  constructor(
    private readonly queues: RunQueues,
    private readonly config: AppConfig,
    private readonly workers: WorkersRepository,
    private readonly incidents: IncidentsService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<void> {
    const served = await this.workers.servedToolchains();
    for (const [toolchain, queue] of this.queues.entries()) {
      await this.checkConsumers(toolchain, queue, served.has(toolchain));
      await this.checkBacklog(queue);
    }
  }

  /**
   * A queue nobody is meant to serve (no CUDA machine in this deployment) is not an incident;
   * one with a registered worker or a waiting job and no consumer is.
   */
  private async checkConsumers(toolchain: Toolchain, queue: Queue, registered: boolean): Promise<void> {
    const consumers = (await queue.getWorkers()).length;
    const waiting = await queue.getWaitingCount();
    const missing = consumers === 0 && (registered || waiting > 0);
    if (missing && (await this.persisted(`no-consumer:${queue.name}`))) {
      await this.incidents.open({
        kind: 'queue_no_consumer',
        subject: queue.name,
        reason: `no worker consumes ${queue.name} (${waiting} job(s) waiting)`,
        actions: `Submissions of ${toolchainSpec(toolchain).displayName} labs wait in the queue until a worker serving ${toolchain} starts.`,
      });
    } else if (!missing) {
      await this.forget(`no-consumer:${queue.name}`);
      await this.incidents.close('queue_no_consumer', queue.name);
    }
  }

  /**
   * True once a condition has been seen for as long as a worker needs to fail its probes: a
   * worker restarting (its consumer gone for a few seconds) is not worth an email.
   */
  private async persisted(condition: string): Promise<boolean> {
    const key = `${this.config.REDIS_PREFIX}:health:${condition}`;
    await this.redis.set(key, String(Date.now()), 'NX');
    const since = Number(await this.redis.get(key));
    return Date.now() - since >= this.config.HEALTH_FAILURES_TO_DOWN * this.config.HEALTH_PROBE_INTERVAL_MS;
  }

  private async forget(condition: string): Promise<void> {
    await this.redis.del(`${this.config.REDIS_PREFIX}:health:${condition}`);
  }

  private async checkBacklog(queue: Queue): Promise<void> {
    const age = await oldestWaitMs(queue);
    if (age > this.config.QUEUE_BACKLOG_ALERT_MS) {
      await this.incidents.open({
        kind: 'queue_backlog',
        subject: queue.name,
        reason: `the oldest waiting job of ${queue.name} has waited ${Math.round(age / 1000)} s`,
        actions: 'Nothing automatic: start more workers for this toolchain, or check the ones running.',
      });
    } else {
      await this.incidents.close('queue_backlog', queue.name);
    }
  }
}
