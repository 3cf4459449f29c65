import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobState, Queue } from 'bullmq';
import { currentLogContext } from '../logging/log-context';
import { GRADE_JOB_NAME, GRADE_JOB_OPTIONS, GradeJob, QUEUE } from '../queues/queues';

/** The only producer of grade jobs; the attempt id is the job id, so a repeat report adds nothing. */
@Injectable()
export class GradeQueue {
  constructor(@InjectQueue(QUEUE.grade) private readonly queue: Queue<GradeJob>) {}

  async enqueue(attemptId: string): Promise<void> {
    const job: GradeJob = { attemptId, requestId: currentLogContext()?.requestId };
    await this.queue.add(GRADE_JOB_NAME, job, { ...GRADE_JOB_OPTIONS, jobId: attemptId });
  }

  /** Where an attempt's grade job stands; 'unknown': there is none (never added, or Redis lost it). */
  state(attemptId: string): Promise<JobState | 'unknown'> {
    return this.queue.getJobState(attemptId);
  }

  /**
   * Whether its job failed for having used every try (a fault that outlasted them, Postgres down
   * for a while), not because the grader refused it for good (UnrecoverableError ends it sooner).
   */
  async triesUsedUp(attemptId: string): Promise<boolean> {
    const job = await this.queue.getJob(attemptId);
    return job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
  }

  /** For an attempt whose verdict changed after it was graded: its finished grade job is replaced. */
  async enqueueAgain(attemptId: string): Promise<void> {
    await this.queue.remove(attemptId);
    await this.enqueue(attemptId);
  }
}
