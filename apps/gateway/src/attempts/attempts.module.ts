import { Module } from '@nestjs/common';
import { AttemptReports, AttemptsRepository } from '@wb/common';
import { GradingQueuesModule } from '../grading/grading-queues.module';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';

@Module({
  imports: [LabLookupModule, GradingQueuesModule],
  controllers: [AttemptsController],
  providers: [AttemptsService, AttemptNotifier, AttemptReports, AttemptsRepository],
  exports: [AttemptsService, AttemptReports, AttemptsRepository],
})
export class AttemptsModule {}
