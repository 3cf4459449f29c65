import { Module } from '@nestjs/common';
import { IncidentsRepository, WorkerApiClient, WorkerProbesRepository, WorkersRepository } from '@wb/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { RunControlModule } from '../run-control/run-control.module';
import { WorkerPageController } from './worker-page.controller';
import { WorkerHealthReader } from './worker-health.reader';
import { WorkerLogClient } from './worker-log.client';
import { WorkersController } from './workers.controller';
import { WorkersPageController } from './workers-page.controller';
import { WorkersService } from './workers.service';

@Module({
  imports: [AttemptsModule, RunControlModule],
  controllers: [WorkersController, WorkerPageController, WorkersPageController],
  providers: [
    WorkersService,
    WorkerHealthReader,
    WorkerApiClient,
    WorkerLogClient,
    WorkersRepository,
    WorkerProbesRepository,
    IncidentsRepository,
  ],
  exports: [WorkersService, WorkerHealthReader],
})
export class WorkersModule {}
