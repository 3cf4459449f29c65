import { Module } from '@nestjs/common';
import { GradeQueue, GradesRepository, PassbackQueue, QUEUE, QueuesModule } from '@wb/common';

/** The gateway's producers for the grader's queues (the grader consumes them). */
@Module({
  imports: [QueuesModule.register(QUEUE.grade, QUEUE.passback)],
  providers: [GradeQueue, PassbackQueue, GradesRepository],
  exports: [GradeQueue, PassbackQueue],
})
export class GradingQueuesModule {}
