import { Processor, WorkerHost } from '@nestjs/bullmq';
import { GradeJob, QUEUE } from '@wb/common';
import { Job } from 'bullmq';
import { GradingService } from './grading.service';

/** Thin consumer of `grade`: the scoring is the {@link GradingService}'s. */
@Processor(QUEUE.grade, { concurrency: 4 })
export class GradeProcessor extends WorkerHost {
  constructor(private readonly grading: GradingService) {
    super();
  }

  process(job: Job<GradeJob>): Promise<void> {
    return this.grading.grade(job.data.attemptId); // throws → BullMQ retries; UnrecoverableError → fails now
  }
}
