import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { oldestWaitMs, QUEUE, RUN_QUEUES, SHARED_STATE_METRICS, SharedStateReader, TOOLCHAINS, WorkersRepository } from '@wb/common';
import type { Queue } from 'bullmq';

/** Every queue of the platform, the run queues first. */
export const METRIC_QUEUES = [...RUN_QUEUES, ...Object.values(QUEUE)];

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const WORKER_STATUSES = ['up', 'down'] as const;

/**
 * The queues' depth and oldest wait, and the workers per toolchain, read from Redis and Postgres
 * at each scrape of a gateway. Only the gateway reads them, so a grader or notifier replica adds
 * no copy; each gateway does (Prometheus's `max by` takes one).
 */
@Injectable()
export class PlatformStateMetrics extends SharedStateReader {
  private readonly queues: Queue[];

  constructor(
    moduleRef: ModuleRef,
    private readonly workers: WorkersRepository,
  ) {
    super();
    this.queues = METRIC_QUEUES.map((name) => moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
  }

  async read(): Promise<void> {
    const [queues, fleet] = await Promise.all([Promise.all(this.queues.map((q) => readQueue(q))), this.workers.countByToolchain()]);
    const { queueJobs, queueOldestWaitSeconds, workers } = SHARED_STATE_METRICS;
    for (const { queue, counts, oldestWaitS } of queues) {
      for (const state of JOB_STATES) queueJobs.set({ queue, state }, counts[state] ?? 0);
      queueOldestWaitSeconds.set({ queue }, oldestWaitS);
    }
    workers.reset(); // a toolchain nobody serves any more reads 0, not its last count
    for (const toolchain of TOOLCHAINS) for (const status of WORKER_STATUSES) workers.set({ toolchain, status }, 0);
    for (const { toolchain, status, workers: count } of fleet)
      if (TOOLCHAINS.includes(toolchain)) workers.set({ toolchain, status }, count);
  }
}

async function readQueue(queue: Queue): Promise<{ queue: string; counts: Record<string, number>; oldestWaitS: number }> {
  const [counts, waitedMs] = await Promise.all([queue.getJobCounts(...JOB_STATES), oldestWaitMs(queue)]);
  return { queue: queue.name, counts, oldestWaitS: waitedMs / 1000 };
}
