import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, Type } from '@nestjs/common';
import { AppConfig, QUEUE, RUN_WORKER_OPTIONS, RunJob, Toolchain } from '@wb/common';
import { Job } from 'bullmq';
import { JobTracker } from '../api/job-tracker';
import { AttemptRunner } from '../runner/attempt-runner';

/** Thin consumers, one per toolchain queue; the work is the {@link AttemptRunner}'s. */
@Injectable() // emits the constructor's parameter types, which the subclasses inherit
abstract class RunProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly runner: AttemptRunner,
    private readonly jobs: JobTracker,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    this.jobs.addConsumer(this.worker);
  }

  process(job: Job<RunJob>): Promise<void> {
    return this.jobs.track(() => this.runner.run(job.data)); // throws → BullMQ retries; UnrecoverableError → fails now
  }
}

@Processor(QUEUE.runCpu, RUN_WORKER_OPTIONS)
export class RunCpuProcessor extends RunProcessor {}

@Processor(QUEUE.runOpencl, RUN_WORKER_OPTIONS)
export class RunOpenclProcessor extends RunProcessor {}

@Processor(QUEUE.runCuda, RUN_WORKER_OPTIONS)
export class RunCudaProcessor extends RunProcessor {}

/** Only the queues of the toolchains this worker has get a consumer. */
export const PROCESSOR_OF: Record<Toolchain, Type<RunProcessor>> = {
  cpp: RunCpuProcessor,
  opencl: RunOpenclProcessor,
  cuda: RunCudaProcessor,
};
