import type { Toolchain } from '../catalogue/mp-config';

/** Every queue of the platform; see DESIGN.md "Queues". */
export const QUEUE = {
  runCuda: 'run-cuda',
  runOpencl: 'run-opencl',
  runCpu: 'run-cpu',
  grade: 'grade',
  passback: 'passback',
  health: 'health',
  alerts: 'alerts',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Each toolchain has its own run queue, so a worker consumes only what it can build and run. */
export const RUN_QUEUE_OF: Record<Toolchain, QueueName> = {
  cuda: QUEUE.runCuda,
  opencl: QUEUE.runOpencl,
  cpp: QUEUE.runCpu,
};

/** What a worker needs to compile and run one attempt; the attempt id is also the job id. */
export interface RunJob {
  attemptId: string;
  mpId: string;
  dataset: number; // -1 = every dataset
  programSha256: string;
  program: string;
}

export const RUN_JOB_NAME = 'run';

/**
 * How a run-queue consumer holds its job. The lock is renewed while the job runs; a worker that
 * dies stops renewing it, and within about lockDuration + stalledInterval another worker takes
 * the job over. A job that stalls twice (it kills every worker that takes it) fails.
 */
export const RUN_WORKER_OPTIONS = { lockDuration: 15_000, stalledInterval: 10_000, maxStalledCount: 2 } as const;

export const RUN_JOB_OPTIONS = {
  attempts: 3, // a worker that dies mid-job leaves a stalled job; BullMQ hands it to another
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
} as const;
