import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUE, SIMILARITY_JOB_NAME, SIMILARITY_JOB_OPTIONS, SimilarityJob } from '../queues/queues';

/** The only producer of similarity jobs (the gateway, when staff ask for a report). */
@Injectable()
export class SimilarityQueue {
  constructor(@InjectQueue(QUEUE.similarity) private readonly queue: Queue<SimilarityJob>) {}

  async enqueue(reportId: string): Promise<void> {
    await this.queue.add(SIMILARITY_JOB_NAME, { reportId }, { ...SIMILARITY_JOB_OPTIONS, jobId: reportId });
  }
}
