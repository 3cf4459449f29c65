import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { QUEUE, QueuesModule, RUN_QUEUES } from '@wb/common';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { AuthModule } from '../auth/auth.module';
import { AdminOnlyHook } from './admin-only.hook';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Every queue of the platform, the run queues first: what an admin on call looks at. */
const BOARD_QUEUES = [...RUN_QUEUES, ...Object.values(QUEUE)];

/**
 * Bull Board at /admin/queues for admins: every queue's waiting, active, delayed, failed and
 * finished jobs, their data and errors. Read-only: removing or retrying a job by hand would
 * leave its attempt or grade out of step with Postgres; the platform's own routes (cancel an
 * attempt, replay or discard a dead letter) change jobs and records together.
 *
 * Mounted with bull-board's Fastify adapter, in a plugin of its own whose every request passes
 * the admin check first, rather than through @bull-board/nestjs, whose root module lives where
 * the sessions service (and so the admin check) cannot be injected.
 */
@Module({
  imports: [AuthModule, QueuesModule.register(...BOARD_QUEUES)],
  providers: [AdminOnlyHook],
})
export class QueueBoardModule implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly adapterHost: HttpAdapterHost,
    private readonly adminOnly: AdminOnlyHook,
  ) {}

  onModuleInit(): void {
    const board = new FastifyAdapter();
    board.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: BOARD_QUEUES.map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: true }),
      ),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'wb queues' } },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', this.adminOnly.onRequest);
      await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
  }
}
