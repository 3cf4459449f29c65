import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { PASSBACK_JOB_NAME, PassbackJob, passbackJobOptions, QUEUE } from '../queues/queues';
import { GradesRepository } from './grades.repository';

/**
 * The only producer of passback jobs (the gateway when a student asks or staff override a grade
 * the course has, the grader for labs that send automatically). Each request is its own job:
 * sending again after a failure must not be swallowed as a duplicate of the failed job.
 */
@Injectable()
export class PassbackQueue {
  constructor(
    @InjectQueue(QUEUE.passback) private readonly queue: Queue<PassbackJob>,
    private readonly config: AppConfig,
    private readonly grades: GradesRepository,
  ) {}

  /** Marks the grade queued (what its page shows until the grader reports) and adds its job. */
  async enqueue(gradeId: string): Promise<void> {
    await this.grades.markQueued(gradeId);
    const options = passbackJobOptions(this.config.PASSBACK_ATTEMPTS, this.config.PASSBACK_BACKOFF_MS);
    await this.queue.add(PASSBACK_JOB_NAME, { gradeId }, { ...options, jobId: `${gradeId}_${randomUUID()}` });
  }
}
