import type { GradingMode } from '../catalogue/mp-config';
import type { Grade } from '../db/entities/grade.entity';

/** Each lab's `grading` (best unless the lab says last), by lab id. */
export type GradingModeOf = (mpId: string) => GradingMode;

/**
 * The grade that counts among a student's grades for one lab: the best (ties: the earlier one,
 * so a resubmission of the same score does not displace what was already sent), or the last.
 * The only place that decides it: every list of counting grades comes from here, through
 * {@link countingOfEach}.
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

/**
 * The counting grade of each student and lab among those grades (one student's labs, or one
 * lab's students), in the order each student and lab first appears in them.
 */
export function countingOfEach<G extends Pick<Grade, 'userId' | 'mpId' | 'score' | 'gradedAt'>>(grades: G[], modeOf: GradingModeOf): G[] {
  const groups = new Map<string, G[]>();
  for (const g of grades) {
    const key = `${g.userId} ${g.mpId}`;
    const group = groups.get(key);
    if (group) group.push(g);
    else groups.set(key, [g]);
  }
  return [...groups.values()].flatMap((group) => countingGrade(group, modeOf(group[0].mpId)) ?? []);
}
