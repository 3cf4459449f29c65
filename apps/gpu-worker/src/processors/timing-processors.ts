import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, Type } from '@nestjs/common';
import { RUN_WORKER_OPTIONS, TimingJob, Toolchain, toolchainSpec } from '@wb/common';
import { Job } from 'bullmq';
import { JobTracker } from '../api/job-tracker';
import { TimingRunner } from '../timing/timing-runner';

/**
 * Thin consumers, one per toolchain's timing queue. Concurrency 1: a worker times one program at
 * a time (on a GPU worker, one GPU per worker), so no other timed run shares its device.
 */
@Injectable()
abstract class TimingProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly runner: TimingRunner,
    private readonly jobs: JobTracker,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = 1;
    this.jobs.addConsumer(this.worker);
  }

  process(job: Job<TimingJob>, token?: string): Promise<void> {
    return this.jobs.runQueued(job, token, job.data.timingId, (signal) => this.runner.run(job.data, signal));
  }

  /** Out of tries: the timing must not stay "queued" for ever. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<TimingJob> | undefined, err: Error): Promise<void> {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) await this.runner.reportFailed(job.data, err.message);
  }
}

/** The consumer of one toolchain's timing queue, on the workers that serve the toolchain. */
export function timingProcessorFor(toolchain: Toolchain): Type<TimingProcessor> {
  @Processor(toolchainSpec(toolchain).timingQueue, RUN_WORKER_OPTIONS)
  class ToolchainTimingProcessor extends TimingProcessor {}
  Object.defineProperty(ToolchainTimingProcessor, 'name', { value: `TimingProcessor(${toolchain})` });
  return ToolchainTimingProcessor;
}
