import { scanSource } from '@wb/judge';
import type { AttemptStatus, DatasetResult } from '../attempts/attempt-outcome';
import type { Dataset, Mp } from '../catalogue/mp-loader';
import type { GradeItem } from '../db/entities/grade.entity';
import { applyLatePolicy } from './late-policy';

/** What scoring needs of a finished all-datasets attempt. */
export interface GradedRun {
  status: AttemptStatus;
  program: string;
  results: DatasetResult[];
  createdAt: Date;
}

export interface Score {
  items: GradeItem[];
  score: number;
  maxScore: number;
  late: boolean;
}

const NOT_BUILT: ReadonlySet<AttemptStatus> = new Set(['rejected', 'compile_error', 'compile_timeout']);

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The lab's rubric (mp.yaml) applied to one run: compile points, points per dataset (hidden ones
 * included), points per required keyword, then the late policy. The items' earned points add
 * up to the score, so the breakdown a student sees explains the whole number.
 */
export function scoreAttempt(mp: Mp, run: GradedRun): Score {
  const items: GradeItem[] = [];
  const built = !NOT_BUILT.has(run.status);
  const { rubric, keywords, deadline, late: latePolicy } = mp.config;

  if (rubric.compile_points > 0) {
    items.push({
      name: 'Compiles',
      points: rubric.compile_points,
      earned: built ? rubric.compile_points : 0,
      message: built ? 'compiled' : `did not compile (${run.status.replace(/_/g, ' ')})`,
    });
  }
  for (const dataset of mp.datasets) {
    const result = run.results.find((r) => r.dataset === dataset.id);
    const passed = built && result?.passed === true;
    items.push({
      name: datasetItemName(dataset),
      points: dataset.points,
      earned: passed ? dataset.points : 0,
      message: passed ? 'passed' : !built ? 'not run: the program did not compile' : datasetMessage(result, run.status, dataset.hidden),
    });
  }
  if (keywords.require.length > 0) {
    const identifiers = new Set(scanSource(run.program).flatMap((t) => (t.kind === 'identifier' ? [t.name] : [])));
    for (const { keyword, points } of keywords.require) {
      const found = identifiers.has(keyword);
      items.push({
        name: `Uses ${keyword}`,
        points,
        earned: found ? points : 0,
        message: found ? 'found in the program' : `${keyword} does not appear in the program's code (comments and strings do not count)`,
      });
    }
  }

  const maxScore = round(items.reduce((sum, i) => sum + i.points, 0));
  const raw = round(items.reduce((sum, i) => sum + i.earned, 0));
  const lateness = applyLatePolicy(deadline, run.createdAt, latePolicy);
  const score = round(raw * lateness.factor);
  if (lateness.late) {
    items.push({
      name: 'Late',
      points: 0,
      earned: round(score - raw),
      message:
        latePolicy.policy === 'cutoff'
          ? `graded after the deadline (${deadline}): late work scores 0`
          : latePolicy.policy === 'penalty'
            ? `${lateness.daysLate} day(s) after the deadline (${deadline}): ${Math.round((1 - lateness.factor) * 100)}% off`
            : `graded after the deadline (${deadline}); this lab takes late work at full marks`,
    });
  }
  return { items, score, maxScore, late: lateness.late };
}

/** A dataset's line in a grade: what students and the grade pages read, and how a hidden one is known. */
export function datasetItemName(dataset: Pick<Dataset, 'id' | 'name' | 'hidden'>): string {
  return `Dataset ${dataset.id}: ${dataset.name}${dataset.hidden ? ' (hidden)' : ''}`;
}

/** A hidden dataset's item says the verdict only: its message could carry the dataset's data. */
function datasetMessage(result: DatasetResult | undefined, status: AttemptStatus, hidden: boolean): string {
  if (!result) return `not run (${status.replace(/_/g, ' ')})`;
  const verdict = result.status.replace(/_/g, ' ');
  return result.message && !hidden ? `${verdict}: ${result.message}` : verdict;
}
