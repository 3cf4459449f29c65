import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QUEUE, SimilarityJob } from '@wb/common';
import { Job } from 'bullmq';
import { SimilarityService } from './similarity.service';

/**
 * Thin consumer of `similarity`, one report at a time (each takes a CPU for up to a minute); the
 * work is the {@link SimilarityService}'s. A report whose last try fails says why on its page.
 */
@Processor(QUEUE.similarity, { concurrency: 1, lockDuration: 60_000 })
export class SimilarityProcessor extends WorkerHost {
  constructor(private readonly similarity: SimilarityService) {
    super();
  }

  async process(job: Job<SimilarityJob>): Promise<void> {
    try {
      await this.similarity.compute(job.data.reportId, (progress) => void job.updateProgress({ ...progress }).catch(() => undefined));
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.similarity.fail(job.data.reportId, (error as Error).message);
      throw error;
    }
  }
}
