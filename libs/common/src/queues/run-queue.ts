import { Injectable } from '@nestjs/common';
import type { JobState } from 'bullmq';
import type { Toolchain } from '../toolchains/toolchain-specs';
import type { Attempt } from '../db/entities/attempt.entity';
import { isAnalysisAction } from '../analysis/analysis-actions';
import { currentLogContext } from '../logging/log-context';
import { RUN_JOB_NAME, RUN_JOB_OPTIONS, RunJob } from './queues';
import { RunQueues } from './run-queues';

export type QueuedAttempt = Pick<Attempt, 'id' | 'mpId' | 'kind' | 'dataset' | 'program' | 'programSha256'>;

/** One look at a run queue: its waiting job ids in the order workers will take them, and its running jobs. */
export interface RunQueueLine {
  waiting: string[];
  active: number;
}

/**
 * The only producer of run jobs (the gateway on a submission, the notifier for an attempt whose
 * job was lost): one queue per toolchain, the attempt id as the job id, so queueing an attempt
 * that is queued already adds nothing. The job carries the id of the request being handled (the
 * log context's), for the worker's log lines.
 */
@Injectable()
export class RunQueue {
  constructor(private readonly queues: RunQueues) {}

  async enqueue(attempt: QueuedAttempt, toolchain: Toolchain): Promise<void> {
    const job: RunJob = {
      attemptId: attempt.id,
      mpId: attempt.mpId,
      dataset: attempt.dataset,
      programSha256: attempt.programSha256,
      program: attempt.program,
      // A grade run is the only one that sees the hidden datasets.
      includeHidden: attempt.kind === 'grade' ? true : undefined,
      analysis: isAnalysisAction(attempt.kind) ? attempt.kind : undefined,
      requestId: currentLogContext()?.requestId,
    };
    await this.queues.of(toolchain).add(RUN_JOB_NAME, job, { ...RUN_JOB_OPTIONS, jobId: attempt.id });
  }

  /** Where the attempt's job is: waiting, active, failed (for good), …, or 'unknown' when there is none. */
  state(attemptId: string, toolchain: Toolchain): Promise<JobState | 'unknown'> {
    return this.queues.of(toolchain).getJobState(attemptId);
  }

  /**
   * Takes an attempt's job off its queue unless a worker runs it already (a staff member
   * cancelled the attempt). Returns the state the job was in: 'active' means it is still running,
   * and only its worker can stop it.
   */
  async withdraw(attemptId: string, toolchain: Toolchain): Promise<JobState | 'unknown'> {
    const job = await this.queues.of(toolchain).getJob(attemptId);
    if (!job) return 'unknown';
    const state = await job.getState();
    if (state === 'active') return state;
    // It may have become active meanwhile: a locked job is not removed, and its result is ignored.
    await job.remove().catch(() => undefined);
    return state;
  }

  /**
   * Takes an attempt's job off its queue only if no worker has it (the student cancelled a run
   * that has not started). False when a worker holds it: BullMQ removes no locked job, so a
   * job taken between the student's click and this call is left to run.
   */
  async withdrawWaiting(attemptId: string, toolchain: Toolchain): Promise<boolean> {
    return (await this.queues.of(toolchain).remove(attemptId)) === 1;
  }

  /**
   * The queue as a student waits in it: the ids of the waiting jobs, the next to be taken first
   * (ids only, never the programs), and how many jobs workers hold now.
   */
  async line(toolchain: Toolchain): Promise<RunQueueLine> {
    const queue = this.queues.of(toolchain);
    const [waiting, active] = await Promise.all([queue.getRanges(['wait'], 0, -1, true), queue.getActiveCount()]);
    return { waiting, active };
  }

  /** Why the attempt's job failed for good, as BullMQ recorded it. */
  async failedReason(attemptId: string, toolchain: Toolchain): Promise<string> {
    const job = await this.queues.of(toolchain).getJob(attemptId);
    return job?.failedReason || 'no reason recorded';
  }
}
