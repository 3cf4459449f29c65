import { Module } from '@nestjs/common';
import { QueuesModule, RunQueue } from '@wb/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { ProgramsModule } from '../programs/programs.module';
import { SubmissionLimiter } from './submission-limiter';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [AttemptsModule, LabLookupModule, ProgramsModule, QueuesModule.withRunQueues()],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionLimiter, RunQueue],
  exports: [SubmissionsService, RunQueue],
})
export class SubmissionsModule {}
