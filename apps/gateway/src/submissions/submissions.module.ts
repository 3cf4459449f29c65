import { Module } from '@nestjs/common';
import { QueuesModule, RunQueue } from '@wb/common';
import { ProgramsModule } from '../programs/programs.module';
import { SubmissionLimiter } from './submission-limiter';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ProgramsModule, QueuesModule.withRunQueues()],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionLimiter, RunQueue],
  exports: [SubmissionsService, RunQueue],
})
export class SubmissionsModule {}
