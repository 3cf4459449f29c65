import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import type { RunResultsReport } from '../attempts/attempt-outcome';
import { METRICS } from '../metrics/wb-metrics';
import { DEAD_LETTER_JOB_NAME, DeadLetter, QUEUE } from './queues';

/**
 * Verdicts a worker could not deliver (the gateway refused the report, or did not take it
 * within REPORT_DELIVERY_WINDOW_MS). Each is a job of the dead-letters queue, which nothing
 * consumes: it waits there, with the whole report, until a staff member replays it (the report
 * is applied, replacing the internal_error the attempt got meanwhile) or discards it. The job id
 * is the attempt id, so a redelivered job's second failure adds nothing.
 */
@Injectable()
export class DeadLetters {
  constructor(@InjectQueue(QUEUE.deadLetters) private readonly queue: Queue<DeadLetter>) {}

  async record(mpId: string, report: RunResultsReport, reason: string): Promise<void> {
    const letter: DeadLetter = { mpId, report, reason, failedAt: new Date().toISOString() };
    await this.queue.add(DEAD_LETTER_JOB_NAME, letter, { jobId: report.attemptId });
    METRICS.deadLetters.inc();
  }

  /** Oldest first. */
  async list(limit = 500): Promise<Job<DeadLetter>[]> {
    const jobs = await this.queue.getJobs(['waiting', 'prioritized'], 0, limit - 1, true);
    return jobs.filter((j): j is Job<DeadLetter> => Boolean(j));
  }

  async find(id: string): Promise<Job<DeadLetter> | null> {
    return (await this.queue.getJob(id)) ?? null;
  }

  count(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  /** Gone for good; false when there was no such dead letter. */
  async remove(id: string): Promise<boolean> {
    return (await this.queue.remove(id)) === 1;
  }
}
