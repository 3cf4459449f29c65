import { Processor, WorkerHost } from '@nestjs/bullmq';
import { GradeJob, QUEUE, withLogContext } from '@wb/common';
import { Job } from 'bullmq';
import { GradingService } from './grading.service';

/** Thin consumer of `grade`: the scoring is the {@link GradingService}'s. */
@Processor(QUEUE.grade, { concurrency: 4 })
export class GradeProcessor extends WorkerHost {
  constructor(private readonly grading: GradingService) {
    super();
  }

  /** Throws → BullMQ retries; UnrecoverableError → fails now. Its log lines carry the attempt and the request's id. */
  process(job: Job<GradeJob>): Promise<void> {
    const { attemptId, requestId } = job.data;
    return withLogContext({ requestId, attemptId }, () => this.grading.grade(attemptId));
  }
}
