import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { QueueName } from '../queues/queues';
import { REDIS } from '../redis/redis.module';
import { DependencyChecks } from './dependency-checks';
import { Readiness } from './readiness';

/**
 * The readiness of an app that keeps its state in Postgres and Redis (gateway, grader,
 * notifier): both answer, and none of the queues it consumes has fallen behind (the gateway
 * consumes none).
 */
export function storeReadiness(...consumed: QueueName[]): Provider<Readiness> {
  return {
    provide: Readiness,
    inject: [DependencyChecks, DataSource, REDIS, ModuleRef],
    useFactory: (dependencies: DependencyChecks, dataSource: DataSource, redis: Redis, moduleRef: ModuleRef): Readiness => {
      let queues: Queue[] | undefined;
      return {
        checks: () => {
          // Registered by the modules that consume them, wherever those are in the app; found once it has started.
          queues ??= consumed.map((name) => moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
          return [
            dependencies.postgres(dataSource),
            dependencies.redis(redis),
            ...(queues.length > 0 ? [dependencies.queueLag(queues)] : []),
          ];
        },
      };
    },
  };
}
