import { Module } from '@nestjs/common';
import { AttemptReports, AttemptsRepository, QueuesModule, RunQueue } from '@wb/common';
import { GradesReadModule } from '../grading/grades-read.module';
import { GradingQueuesModule } from '../grading/grading-queues.module';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptProgress } from './attempt-progress';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';
import { QueuePlaces } from './queue-places';

@Module({
  imports: [LabLookupModule, GradingQueuesModule, GradesReadModule, QueuesModule.withRunQueues()],
  controllers: [AttemptsController],
  providers: [AttemptsService, AttemptNotifier, AttemptProgress, AttemptReports, AttemptsRepository, RunQueue, QueuePlaces],
  exports: [AttemptsService, AttemptReports, AttemptsRepository],
})
export class AttemptsModule {}
