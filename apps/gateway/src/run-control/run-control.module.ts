import { Module } from '@nestjs/common';
import { DeadLetters, QUEUE, QueuesModule } from '@wb/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { AuditModule } from '../audit/audit.module';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { DeadLetterDesk } from './dead-letter-desk';
import { DeadLettersPageController } from './dead-letters-page.controller';
import { OwnRunsController } from './own-runs.controller';
import { RunCancellation } from './run-cancellation';
import { RunControlController } from './run-control.controller';
import { UnfinishedRuns } from './unfinished-runs';

/** Control over runs: the staff's (the unfinished ones, cancelling one, the dead letters) and a student's own cancel. */
@Module({
  imports: [AttemptsModule, AuditModule, LabLookupModule, SubmissionsModule, QueuesModule.register(QUEUE.deadLetters)],
  controllers: [RunControlController, DeadLettersPageController, OwnRunsController],
  providers: [UnfinishedRuns, RunCancellation, DeadLetters, DeadLetterDesk],
  exports: [UnfinishedRuns, DeadLetterDesk],
})
export class RunControlModule {}
