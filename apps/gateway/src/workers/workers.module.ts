import { Module } from '@nestjs/common';
import { WorkerPageController } from './worker-page.controller';
import { WorkerHealthReader } from './worker-health.reader';
import { WorkerLogClient } from './worker-log.client';
import { WorkersController } from './workers.controller';
import { WorkersService } from './workers.service';

@Module({
  controllers: [WorkersController, WorkerPageController],
  providers: [WorkersService, WorkerHealthReader, WorkerLogClient],
  exports: [WorkersService, WorkerHealthReader],
})
export class WorkersModule {}
