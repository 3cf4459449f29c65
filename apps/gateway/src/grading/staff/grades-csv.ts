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

/**
 * RFC 4180 CSV. A cell that a spreadsheet would read as a formula (=, +, -, @ first) is
 * prefixed with a quote mark, so a crafted username cannot run in the staff's spreadsheet.
 */
export function gradesCsv(rows: GradeRow[]): string {
  const lines = rows.map((r) =>
    [
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
    ].map(cell),
  );
  return [HEADER, ...lines].map((l) => l.join(',')).join('\r\n') + '\r\n';
}

function cell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
