import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RUN_QUEUES } from '../toolchains/toolchain-specs';
import { QueueName } from './queues';
import { RunQueues } from './run-queues';

/** BullMQ on the configured Redis, with the configured key prefix, and the named queues. */
@Module({})
export class QueuesModule {
  static register(...queues: QueueName[]): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
            prefix: config.REDIS_PREFIX,
          }),
        }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      exports: [BullModule],
    };
  }

  /** The named queues and every toolchain's run queue, with {@link RunQueues} to find one. */
  static withRunQueues(...queues: QueueName[]): DynamicModule {
    const module = QueuesModule.register(...queues, ...RUN_QUEUES);
    return { ...module, providers: [RunQueues.provider], exports: [BullModule, RunQueues] };
  }
}
