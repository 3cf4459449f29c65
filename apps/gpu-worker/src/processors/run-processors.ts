import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, Type } from '@nestjs/common';
import { RUN_WORKER_OPTIONS, RunJob, Toolchain, toolchainSpec, withLogContext } from '@wb/common';
import { Job } from 'bullmq';
import { JobTracker } from '../api/job-tracker';
import { WorkerDescription } from '../registration/registration.service';
import { DatasetStep } from '../runner/attempt-pipeline';
import { AttemptRunner } from '../runner/attempt-runner';

/** Thin consumers, one per toolchain queue; the work is the {@link AttemptRunner}'s. */
@Injectable() // emits the constructor's parameter types, which the subclasses inherit
abstract class RunProcessor extends WorkerHost implements OnApplicationBootstrap {
  protected abstract readonly toolchain: Toolchain;

  constructor(
    private readonly runner: AttemptRunner,
    private readonly jobs: JobTracker,
    private readonly description: WorkerDescription,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.description.slots[this.toolchain] ?? 1;
    this.jobs.addConsumer(this.worker);
  }

  /** Every log line of the job carries its attempt and the id of the request that queued it. */
  process(job: Job<RunJob>, token?: string): Promise<void> {
    return withLogContext({ requestId: job.data.requestId, attemptId: job.data.attemptId }, () =>
      // Which dataset runs goes on the job itself rather than in a report to the gateway: one
      // Redis write per dataset on the connection the job came by, no HTTP request, and the
      // gateways hear of it through the queue's events (see the gateway's AttemptProgress).
      this.jobs.runQueued(job, token, job.data.attemptId, (signal) =>
        this.runner.run(job.data, signal, (step: DatasetStep) => void job.updateProgress({ ...step }).catch(() => undefined)),
      ),
    );
  }
}

/** The consumer of one toolchain's run queue: the worker makes one per toolchain it serves. */
export function runProcessorFor(toolchain: Toolchain): Type<RunProcessor> {
  @Processor(toolchainSpec(toolchain).queue, RUN_WORKER_OPTIONS)
  class ToolchainRunProcessor extends RunProcessor {
    protected readonly toolchain = toolchain;
  }
  // Nest names providers by class in its logs and errors.
  Object.defineProperty(ToolchainRunProcessor, 'name', { value: `RunProcessor(${toolchain})` });
  return ToolchainRunProcessor;
}
