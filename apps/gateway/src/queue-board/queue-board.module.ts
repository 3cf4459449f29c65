import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QUEUE, QueuesModule, RUN_QUEUES } from '@wb/common';
import type { Queue } from 'bullmq';
import { AuthModule } from '../auth/auth.module';
import { AdminOnlyMiddleware } from './admin-only.middleware';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Every queue of the platform, the run queues first: what an admin on call looks at. */
const BOARD_QUEUES = [...RUN_QUEUES, ...Object.values(QUEUE)];

/**
 * Bull Board at /admin/queues for admins: every queue's waiting, active, delayed, failed and
 * finished jobs, their data and errors. Read-only: removing or retrying a job by hand would
 * leave its attempt or grade out of step with Postgres; the platform's own routes (cancel an
 * attempt, replay or discard a dead letter) change jobs and records together.
 *
 * Mounted with bull-board's Express adapter in this module rather than through
 * @bull-board/nestjs, whose root module applies its middleware in a module of its own, where
 * the sessions service (and so the admin check) cannot be injected.
 */
@Module({
  imports: [AuthModule, QueuesModule.register(...BOARD_QUEUES)],
  providers: [AdminOnlyMiddleware],
})
export class QueueBoardModule implements NestModule {
  constructor(private readonly moduleRef: ModuleRef) {}

  configure(consumer: MiddlewareConsumer): void {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: BOARD_QUEUES.map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: true }),
      ),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'wb queues' } },
    });
    consumer.apply(AdminOnlyMiddleware, board.getRouter()).forRoutes(QUEUE_BOARD_PATH);
  }
}
