import type { GradingMode } from '../catalogue/mp-config';
import type { Grade } from '../db/entities/grade.entity';

/**
 * The grade that counts among a student's grades for one lab: the best (ties: the earlier one,
 * so a resubmission of the same score does not displace what was already sent), or the last.
 */
export function countingGrade<G extends Pick<Grade, 'score' | 'gradedAt'>>(grades: G[], mode: GradingMode): G | null {
  let chosen: G | null = null;
  for (const g of grades) {
    if (!chosen) chosen = g;
    else if (
      mode === 'last' ? g.gradedAt > chosen.gradedAt : g.score > chosen.score || (g.score === chosen.score && g.gradedAt < chosen.gradedAt)
    )
      chosen = g;
  }
  return chosen;
}
