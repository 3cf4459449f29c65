import { DynamicModule, Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, QueuesModule, RUN_QUEUE_OF } from '@wb/common';
import { PROCESSOR_OF } from './processors/run-processors';
import { GatewayClient } from './registration/gateway-client';
import { RegistrationService, WorkerDescription } from './registration/registration.service';
import { WorkerIdentity } from './registration/worker-identity';
import { AttemptRunner } from './runner/attempt-runner';
import { Compiler } from './runner/compiler';
import { DatasetRunner } from './runner/dataset-runner';
import { ProcessGroupSandbox } from './runner/process-group-sandbox';
import { Sandbox } from './runner/sandbox';

@Module({})
export class WorkerModule {
  /** Built for what the machine has: a consumer only for the toolchains it can serve. */
  static serving(description: WorkerDescription): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule, CatalogueModule, QueuesModule.register(...description.toolchains.map((t) => RUN_QUEUE_OF[t]))],
      providers: [
        { provide: WorkerDescription, useValue: description },
        { provide: Sandbox, useClass: ProcessGroupSandbox },
        WorkerIdentity,
        GatewayClient,
        RegistrationService,
        Compiler,
        DatasetRunner,
        AttemptRunner,
        ...description.toolchains.map((t) => PROCESSOR_OF[t]),
      ],
    };
  }
}
