import type { LateConfig } from '../catalogue/mp-config';

const DAY_MS = 86_400_000;

export interface LateOutcome {
  late: boolean;
  /** What remains of the score: 1 on time, less under a penalty, 0 after a cut-off. */
  factor: number;
  /** Started days after the deadline (0 on time). */
  daysLate: number;
}

/**
 * Lateness is judged by when the student asked for the grade (the attempt's creation), not by
 * when a busy queue got round to scoring it. A started day counts as a whole day.
 */
export function applyLatePolicy(deadline: string | undefined, submittedAt: Date, policy: LateConfig): LateOutcome {
  if (!deadline) return { late: false, factor: 1, daysLate: 0 };
  const overMs = submittedAt.getTime() - new Date(deadline).getTime();
  if (overMs <= 0) return { late: false, factor: 1, daysLate: 0 };
  const daysLate = Math.ceil(overMs / DAY_MS);
  switch (policy.policy) {
    case 'cutoff':
      return { late: true, factor: 0, daysLate };
    case 'penalty':
      return { late: true, factor: Math.max(0, 1 - policy.penalty_per_day * daysLate), daysLate };
    default:
      return { late: true, factor: 1, daysLate };
  }
}
