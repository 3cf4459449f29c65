import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  ConfigModule,
  DeadLetters,
  MetricsModule,
  QUEUE,
  QueuesModule,
  RecentLogLogger,
  RecentLogModule,
  toolchainSpec,
} from '@wb/common';
import { HealthProbesModule } from '@wb/common/health';
import { join } from 'node:path';
import { GpuProbe } from './api/gpu-probe';
import { JobTracker } from './api/job-tracker';
import { RunCancelListener } from './api/run-cancel-listener';
import { WorkerApiController } from './api/worker-api.controller';
import { WorkerReadiness } from './api/worker-readiness';
import { WorkerShutdown } from './api/worker-shutdown';
import { WorkerStatus } from './api/worker-status';
import { CompileCache } from './cache/compile-cache';
import { CompileCacheOptions } from './cache/compile-cache-options';
import { CompilerVersions } from './cache/compiler-versions';
import { FileDigests } from './cache/file-digests';
import { WorkerLabs } from './labs/worker-labs.service';
import { runProcessorFor } from './processors/run-processors';
import { timingProcessorFor } from './processors/timing-processors';
import { GatewayClient } from './registration/gateway-client';
import { RegistrationService, WorkerDescription } from './registration/registration.service';
import { WorkerIdentity } from './registration/worker-identity';
import { AttemptPipeline } from './runner/attempt-pipeline';
import { DeviceLease } from './runner/device-lease';
import { AttemptRunner } from './runner/attempt-runner';
import { Compiler } from './runner/compiler';
import { DatasetRunner } from './runner/dataset-runner';
import { RunDirectories } from './runner/run-directories';
import { Sandbox } from './runner/sandbox';
import { BoxSandbox } from './sandbox/box-sandbox';
import { defaultBoxSandboxOptions } from './sandbox/box-sandbox-options';
import { DeviceReader } from './timing/device-reader';
import { FreshInputs } from './timing/fresh-inputs';
import { TimingProtocol } from './timing/timing-protocol';
import { TimingRunner } from './timing/timing-runner';

@Module({})
export class WorkerModule {
  /** Built for what the machine has: a consumer only for the toolchains it can serve. */
  static serving(description: WorkerDescription, logger: RecentLogLogger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forApp('worker'),
        RecentLogModule.with(logger),
        MetricsModule.route('worker'),
        HealthProbesModule.forApp({ routes: true }),
        QueuesModule.register(
          QUEUE.deadLetters,
          ...description.toolchains.map((t) => toolchainSpec(t).queue),
          ...description.toolchains.map((t) => toolchainSpec(t).timingQueue),
        ),
      ],
      controllers: [WorkerApiController],
      providers: [
        { provide: WorkerDescription, useValue: description },
        {
          provide: Sandbox,
          inject: [AppConfig],
          useFactory: (c: AppConfig) => new BoxSandbox(defaultBoxSandboxOptions(c, description.slots)),
        },
        {
          provide: CompileCacheOptions,
          inject: [AppConfig, Sandbox],
          useFactory: (c: AppConfig, sandbox: Sandbox) =>
            new CompileCacheOptions(c.WORKER_CACHE_DIR ?? join(c.WORKER_WORK_DIR, 'cache'), c.WORKER_CACHE_MAX_MB * 1024 * 1024, {
              linkHits: sandbox.programsHaveOwnUid,
            }),
        },
        CompilerVersions,
        FileDigests,
        CompileCache,
        WorkerLabs,
        WorkerIdentity,
        GatewayClient,
        RegistrationService,
        JobTracker,
        RunCancelListener,
        DeadLetters,
        WorkerShutdown,
        WorkerStatus,
        GpuProbe,
        Compiler,
        DatasetRunner,
        DeviceLease,
        RunDirectories,
        AttemptPipeline,
        AttemptRunner,
        WorkerReadiness.provider(description.toolchains),
        ...description.toolchains.map(runProcessorFor),
        FreshInputs,
        DeviceReader,
        TimingProtocol,
        TimingRunner,
        ...description.toolchains.map(timingProcessorFor),
      ],
    };
  }
}
