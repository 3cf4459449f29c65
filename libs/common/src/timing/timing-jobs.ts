import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { TIMING_QUEUES, Toolchain, TOOLCHAINS } from '../toolchains/toolchain-specs';

/** One timed run of a program (a student's, or the lab's solution for the reference line); the timing id is the job id. */
export interface TimingJob {
  timingId: string;
  mpId: string;
  program: string;
}

export const TIMING_JOB_NAME = 'time';

/**
 * A timed run holds its worker (its GPU) alone for `runs` runs: a worker that dies mid-run leaves
 * a stalled job that another worker runs once more; then it fails, and the student may ask again.
 */
export const TIMING_JOB_OPTIONS = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 5_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 86_400 },
} as const;

/** Every toolchain's timing queue, found by toolchain. */
export class TimingQueues {
  private constructor(private readonly queues: ReadonlyMap<Toolchain, Queue<TimingJob>>) {}

  /** Nest's provider: the registered timing queues, in TOOLCHAINS order. */
  static readonly provider: Provider = {
    provide: TimingQueues,
    inject: TIMING_QUEUES.map((name) => getQueueToken(name)),
    useFactory: (...queues: Queue<TimingJob>[]) => new TimingQueues(new Map(TOOLCHAINS.map((t, i) => [t, queues[i]]))),
  };

  async enqueue(toolchain: Toolchain, job: TimingJob): Promise<void> {
    const queue = this.queues.get(toolchain);
    if (!queue) throw new Error(`no timing queue for toolchain ${toolchain}`);
    await queue.add(TIMING_JOB_NAME, job, { ...TIMING_JOB_OPTIONS, jobId: job.timingId });
  }
}
