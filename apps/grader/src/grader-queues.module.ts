import { Module } from '@nestjs/common';
import { GradesRepository, PassbackQueue, QUEUE, QueuesModule } from '@wb/common';

/** The grader's queues: it consumes `grade` and `passback`, and produces `passback` for auto-sending labs. */
@Module({
  imports: [QueuesModule.register(QUEUE.grade, QUEUE.passback)],
  providers: [PassbackQueue, GradesRepository],
  exports: [PassbackQueue],
})
export class GraderQueuesModule {}
