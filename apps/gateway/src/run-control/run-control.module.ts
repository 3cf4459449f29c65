import { Module } from '@nestjs/common';
import { DeadLetters, QUEUE, QueuesModule } from '@wb/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { AuditModule } from '../audit/audit.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { DeadLetterDesk } from './dead-letter-desk';
import { DeadLettersPageController } from './dead-letters-page.controller';
import { RunCancellation } from './run-cancellation';
import { RunControlController } from './run-control.controller';
import { UnfinishedRuns } from './unfinished-runs';

/** Staff control over runs: the unfinished ones (and cancelling one), and the dead letters. */
@Module({
  imports: [AttemptsModule, AuditModule, SubmissionsModule, QueuesModule.register(QUEUE.deadLetters)],
  controllers: [RunControlController, DeadLettersPageController],
  providers: [UnfinishedRuns, RunCancellation, DeadLetters, DeadLetterDesk],
  exports: [UnfinishedRuns, DeadLetterDesk],
})
export class RunControlModule {}
