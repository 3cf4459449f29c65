import type { Mismatches } from '@wb/judge';

/** An attempt's statuses, in the order an attempt goes through them. */
export const PENDING_STATUSES = ['queued', 'compiling', 'running'] as const;
export const FINAL_STATUSES = [
  'passed',
  'failed',
  'rejected',
  'compile_error',
  'compile_timeout',
  'timeout',
  'memory_limit',
  'runtime_error',
  'sandbox_violation',
  'output_limit',
  'internal_error',
  'cancelled',
] as const;

export type PendingStatus = (typeof PENDING_STATUSES)[number];
export type FinalStatus = (typeof FINAL_STATUSES)[number];
export type AttemptStatus = PendingStatus | FinalStatus;
/** What one dataset's run can end in: compile and keyword verdicts concern the whole attempt. */
export type RunVerdict = Exclude<FinalStatus, 'rejected' | 'compile_error' | 'compile_timeout' | 'cancelled'>;
/** A staff member's decision, never a worker's report. */
export type ReportableStatus = Exclude<AttemptStatus, 'queued' | 'cancelled'>;
/** Final statuses that say the platform did not judge the program: such attempts get no grade. */
export const UNJUDGED_STATUSES: readonly AttemptStatus[] = ['internal_error', 'cancelled'];

export function isFinal(status: AttemptStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** How far along an attempt is; a report may only move an attempt forward. */
export function statusRank(status: AttemptStatus): number {
  return isFinal(status) ? PENDING_STATUSES.length : PENDING_STATUSES.indexOf(status);
}

export interface DatasetResult {
  dataset: number;
  status: RunVerdict;
  passed: boolean;
  message: string;
  timeMs: number;
  /**
   * What this run printed (as shown) and how many bytes in all: what a student may see of a
   * public dataset's run, and never of a hidden one's (absent in attempts older than this field).
   */
  output?: string;
  outputBytes?: number;
  /**
   * A wrong output's differences: the first few and how many in all (absent when the output
   * matched, had the wrong size or could not be read, and in attempts older than this field).
   * Like `output`, a student sees them only for a public dataset.
   */
  mismatches?: Mismatches;
}

export interface LibwbTimer {
  kind: string;
  message: string;
  elapsedMs: number;
  parent: number | null;
  /** The dataset whose run recorded it (absent in older attempts). */
  dataset?: number;
}

export interface LibwbLog {
  level: string;
  message: string;
  file: string;
  line: number;
  /** The dataset whose run logged it (absent in older attempts). */
  dataset?: number;
}

/**
 * What a worker reports through `POST /mp/:mp_id/run_results`: either progress (`compiling`,
 * `running`) or the outcome. Reports are idempotent on the attempt id.
 */
export interface RunResultsReport {
  attemptId: string;
  workerId?: string;
  status: ReportableStatus;
  compilerOutput?: string;
  /** How many bytes the compiler wrote in all; `compilerOutput` keeps the first part. */
  compilerOutputBytes?: number;
  output?: string;
  /** How many bytes the program wrote to stdout and stderr in all; `output` keeps the first part. */
  outputBytes?: number;
  results?: DatasetResult[];
  timers?: LibwbTimer[];
  logs?: LibwbLog[];
}

/** An all-datasets attempt passes when every dataset passes; its status is the first failure's. */
export function overallStatus(results: DatasetResult[]): RunVerdict {
  if (results.length === 0) return 'internal_error';
  return results.find((r) => !r.passed)?.status ?? 'passed';
}
