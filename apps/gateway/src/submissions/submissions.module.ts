import { Module } from '@nestjs/common';
import { QUEUE, QueuesModule, RunQueue } from '@wb/common';
import { ProgramsModule } from '../programs/programs.module';
import { SubmissionLimiter } from './submission-limiter';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ProgramsModule, QueuesModule.register(QUEUE.runCuda, QUEUE.runOpencl, QUEUE.runCpu)],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionLimiter, RunQueue],
  exports: [SubmissionsService, RunQueue],
})
export class SubmissionsModule {}
