import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { Toolchain, toolchainSpec } from '@wb/common';
import { DependencyChecks, Readiness } from '@wb/common/health';
import type { Queue } from 'bullmq';
import { GpuProbe } from './gpu-probe';
import { JobTracker } from './job-tracker';

/** One probe kernel at most this often, however many probers ask: the GPU is the students'. */
const GPU_CHECK_REUSED_MS = 10_000;

/**
 * What a worker needs to take jobs: Redis (its queues), its run queues not fallen behind, not
 * stopping, and on a GPU worker a GPU that runs a kernel (`GET /is_gpu_alive`'s probe).
 */
export class WorkerReadiness extends Readiness {
  private constructor(
    private readonly dependencies: DependencyChecks,
    private readonly indicators: HealthIndicatorService,
    private readonly gpu: GpuProbe,
    private readonly jobs: JobTracker,
    private readonly runQueues: Queue[],
  ) {
    super();
  }

  /** Nest's provider, with the run queues of the toolchains the worker serves. */
  static provider(toolchains: Toolchain[]): Provider<Readiness> {
    return {
      provide: Readiness,
      inject: [
        DependencyChecks,
        HealthIndicatorService,
        GpuProbe,
        JobTracker,
        ...toolchains.map((t) => getQueueToken(toolchainSpec(t).queue)),
      ],
      useFactory: (
        dependencies: DependencyChecks,
        indicators: HealthIndicatorService,
        gpu: GpuProbe,
        jobs: JobTracker,
        ...queues: Queue[]
      ) => new WorkerReadiness(dependencies, indicators, gpu, jobs, queues),
    };
  }

  checks(): HealthIndicatorFunction[] {
    const [first] = this.runQueues;
    const stopping = this.indicators.check('worker');
    return [
      // The worker has no Redis client of its own: a read on its queues' connection, the one that matters.
      this.dependencies.redis({ ping: () => first.getWaitingCount() }),
      this.dependencies.queueLag(this.runQueues),
      () => (this.jobs.stopping ? stopping.down('stopping: it takes no new jobs') : stopping.up()),
      ...(this.gpu.hasGpuCheck ? [this.gpuCheck()] : []),
    ];
  }

  private gpuCheck() {
    return this.indicators
      .check('gpu')
      .attempt(async () => {
        const answer = await this.gpu.probe();
        if (!answer.alive) throw new Error(answer.reason);
        return { device: answer.device, ms: answer.ms };
      })
      .cacheFor(GPU_CHECK_REUSED_MS);
  }
}
