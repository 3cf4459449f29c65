import type { RunResultsReport } from '../attempts/attempt-outcome';
import type { AnalysisAction } from '../analysis/analysis-actions';
import type { RunQueueName, TimingQueueName } from '../toolchains/toolchain-specs';

/**
 * Every queue of the platform besides the run queues (one per toolchain, named in
 * TOOLCHAIN_SPECS): grading, passback, health probes, alerts, undelivered verdicts, similarity
 * reports.
 */
export const QUEUE = {
  grade: 'grade',
  passback: 'passback',
  health: 'health',
  alerts: 'alerts',
  deadLetters: 'dead-letters',
  similarity: 'similarity',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE] | RunQueueName | TimingQueueName;

/** What a worker needs to compile and run one attempt; the attempt id is also the job id. */
export interface RunJob {
  attemptId: string;
  mpId: string;
  dataset: number; // -1 = every dataset
  programSha256: string;
  program: string;
  /** A grade run: dataset -1 then means every dataset, the hidden ones included. */
  includeHidden?: boolean;
  /** A "Check memory" or "Profile" run (only on a toolchain with analysis tools: analysis-actions.ts). */
  analysis?: AnalysisAction;
  /**
   * The id of the request that queued it, which the worker's log lines of this attempt carry;
   * absent on a job queued by no request (the notifier's) or by an older gateway.
   */
  requestId?: string;
}

export const RUN_JOB_NAME = 'run';

/**
 * How a run-queue consumer holds its job. The lock is renewed while the job runs; a worker that
 * dies stops renewing it, and within about lockDuration + stalledInterval another worker takes
 * the job over. A job that stalls twice (it kills every worker that takes it) fails.
 */
export const RUN_WORKER_OPTIONS = { lockDuration: 15_000, stalledInterval: 10_000, maxStalledCount: 2 } as const;

export const RUN_JOB_OPTIONS = {
  attempts: 3, // a worker that dies mid-job leaves a stalled job; BullMQ hands it to another
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
} as const;

/** Score one finished grade attempt; the attempt id is also the job id, so it is graded once. */
export interface GradeJob {
  attemptId: string;
  /** As on {@link RunJob}: the grader's log lines of this grading carry it. */
  requestId?: string;
}

export const GRADE_JOB_NAME = 'grade';

export const GRADE_JOB_OPTIONS = {
  attempts: 5, // Postgres briefly unreachable; the unique attempt_id makes a retry harmless
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 30 * 86_400 },
} as const;

/** Compute one similarity report (staff asked for it); the report id is also the job id. */
export interface SimilarityJob {
  reportId: string;
}

export const SIMILARITY_JOB_NAME = 'similarity';

export const SIMILARITY_JOB_OPTIONS = {
  attempts: 2, // a grader that dies mid-report leaves a stalled job; another one starts it again
  backoff: { type: 'fixed', delay: 5_000 },
  removeOnComplete: { age: 86_400, count: 1_000 },
  removeOnFail: { age: 30 * 86_400 },
} as const;

/** Send one stored grade to the course platform (Coursera / LMS). */
export interface PassbackJob {
  gradeId: string;
}

export const PASSBACK_JOB_NAME = 'passback';

/**
 * The course platform may be down for a while: at least 8 tries with exponential backoff from
 * `firstDelayMs` (PASSBACK_BACKOFF_MS); a refusal that retrying cannot fix fails at once.
 */
export function passbackJobOptions(attempts: number, firstDelayMs: number) {
  return {
    attempts,
    backoff: { type: 'exponential', delay: firstDelayMs },
    removeOnComplete: { age: 7 * 86_400, count: 10_000 },
    removeOnFail: { age: 30 * 86_400 },
  } as const;
}

/** The notifier's one repeatable job: probe every worker and every run queue once. */
export const HEALTH_SCHEDULER_ID = 'probe-workers';
export const HEALTH_JOB_NAME = 'probe';

/**
 * One email owed for one incident event. The job id is `<incidentId>-<event>`, so the same event
 * queued twice (two replicas) is one job; the processor sends every owed alert in one digest.
 */
export interface AlertJob {
  incidentId: string;
  event: 'opened' | 'closed';
}

export const ALERT_JOB_NAME = 'alert';

/**
 * An SMTP server that is down delays an alert, never loses it: retries back off up to a minute
 * (the notifier's custom backoff) for about a week.
 */
export const ALERT_JOB_OPTIONS = {
  attempts: 10_000,
  backoff: { type: 'custom' },
  removeOnComplete: { age: 86_400 },
  removeOnFail: { age: 30 * 86_400 },
} as const;

/** A verdict no worker could deliver, kept for staff (see DeadLetters); its job id is the attempt id. */
export interface DeadLetter {
  mpId: string;
  report: RunResultsReport;
  /** Why delivery stopped: the gateway's refusal, or how long it went unanswered. */
  reason: string;
  failedAt: string;
}

export const DEAD_LETTER_JOB_NAME = 'undelivered-report';

/** Where workers and the gateway tell each other that a staff member cancelled a running attempt. */
export function runCancelChannel(redisPrefix: string): string {
  return `${redisPrefix}:run-cancel`;
}
