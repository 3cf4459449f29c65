import { Module } from '@nestjs/common';
import { AttemptReports } from '@wb/common';
import { GradingQueuesModule } from '../grading/grading-queues.module';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';

@Module({
  imports: [GradingQueuesModule],
  controllers: [AttemptsController],
  providers: [AttemptsService, AttemptNotifier, AttemptReports],
  exports: [AttemptsService, AttemptReports],
})
export class AttemptsModule {}
