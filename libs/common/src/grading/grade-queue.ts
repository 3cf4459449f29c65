import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { GRADE_JOB_NAME, GRADE_JOB_OPTIONS, GradeJob, QUEUE } from '../queues/queues';

/** The only producer of grade jobs; the attempt id is the job id, so a repeat report adds nothing. */
@Injectable()
export class GradeQueue {
  constructor(@InjectQueue(QUEUE.grade) private readonly queue: Queue<GradeJob>) {}

  async enqueue(attemptId: string): Promise<void> {
    await this.queue.add(GRADE_JOB_NAME, { attemptId }, { ...GRADE_JOB_OPTIONS, jobId: attemptId });
  }

  /** For an attempt whose verdict changed after it was graded: its finished grade job is replaced. */
  async enqueueAgain(attemptId: string): Promise<void> {
    await this.queue.remove(attemptId);
    await this.enqueue(attemptId);
  }
}
