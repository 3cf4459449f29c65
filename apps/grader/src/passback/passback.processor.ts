import { Processor, WorkerHost } from '@nestjs/bullmq';
import { PassbackJob, QUEUE } from '@wb/common';
import { Job } from 'bullmq';
import { PassbackService } from './passback.service';

/** Thin consumer of `passback`: the sending is the {@link PassbackService}'s. */
@Processor(QUEUE.passback, { concurrency: 4 })
export class PassbackProcessor extends WorkerHost {
  constructor(private readonly passback: PassbackService) {
    super();
  }

  process(job: Job<PassbackJob>): Promise<void> {
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.passback.send(job.data.gradeId, lastTry);
  }
}
