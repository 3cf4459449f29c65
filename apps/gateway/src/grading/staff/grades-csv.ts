import { csv } from '../../http/csv';

/** One row of the grades export. */
export interface GradeRow {
  gradeId: string;
  username: string;
  userId: string;
  score: number;
  maxScore: number;
  late: boolean;
  gradedAt: Date;
  attemptId: string;
  passbackState: string;
  overridden: boolean;
}

const HEADER = ['grade_id', 'username', 'user_id', 'score', 'max_score', 'late', 'graded_at', 'attempt_id', 'passback', 'overridden'];

/** The counting grades as CSV, one row per student. */
export function gradesCsv(rows: GradeRow[]): string {
  return csv(
    HEADER,
    rows.map((r) => [
      r.gradeId,
      r.username,
      r.userId,
      r.score,
      r.maxScore,
      r.late,
      r.gradedAt.toISOString(),
      r.attemptId,
      r.passbackState,
      r.overridden,
    ]),
  );
}
