import {
  countingGrade,
  countingOfEach,
  Grade,
  GradeOverride,
  GradesRepository,
  GradingMode,
  GradingModeOf,
  NewGrade,
  ScoreOverride,
  ScoreOverrideResult,
} from '@wb/common';
import { randomUUID } from 'node:crypto';
import type { PublicOf } from './public-of';

/**
 * The grades table and its overrides in memory, for the unit tests of the services that use
 * {@link GradesRepository}: the same rules (one grade per attempt, the counting grade by
 * {@link countingGrade} itself) without Postgres. The real repository's SQL is tested against
 * Postgres in its own spec.
 */
export class FakeGradesRepository implements PublicOf<GradesRepository> {
  readonly rows = new Map<string, Grade>();
  readonly overrides: GradeOverride[] = [];

  /** This fake where a service takes the repository: only the real one's private DataSource differs. */
  get repository(): GradesRepository {
    return this as unknown as GradesRepository;
  }

  /** A grade as a test needs it; the rest as a new one has it (graded now, nothing sent). */
  add(fields: Partial<Grade> = {}): Grade {
    const grade: Grade = {
      id: randomUUID(),
      userId: 'u1',
      mpId: 'lab',
      attemptId: randomUUID(),
      score: 0,
      maxScore: 100,
      items: [],
      late: false,
      gradedAt: new Date(),
      passbackState: 'none',
      passbackSentAt: null,
      passbackError: null,
      ...fields,
    };
    this.rows.set(grade.id, grade);
    return grade;
  }

  async insertOnce(grade: NewGrade): Promise<string | null> {
    if (this.all().some((g) => g.attemptId === grade.attemptId)) return null;
    return this.add({ ...grade }).id;
  }

  async findById(id: string): Promise<Grade | null> {
    return this.copy(this.rows.get(id));
  }

  async ofAttempt(attemptId: string): Promise<Grade | null> {
    return this.all().find((g) => g.attemptId === attemptId) ?? null;
  }

  async markQueued(id: string): Promise<void> {
    this.change(id, { passbackState: 'queued', passbackError: null });
  }

  async markSent(id: string): Promise<void> {
    this.change(id, { passbackState: 'sent', passbackSentAt: new Date(), passbackError: null });
  }

  async noteRetry(id: string, reason: string): Promise<void> {
    this.change(id, { passbackError: `retrying: ${reason}` });
  }

  async markFailed(id: string, reason: string): Promise<void> {
    this.change(id, { passbackState: 'failed', passbackError: reason });
  }

  async override({ gradeId, staffId, score, reason }: ScoreOverride): Promise<ScoreOverrideResult> {
    const found = this.rows.get(gradeId);
    if (!found) return { missing: true };
    if (score > found.maxScore) return { aboveMax: found.maxScore };
    this.overrides.push({ id: randomUUID(), gradeId, staffId, oldScore: found.score, newScore: score, reason, createdAt: new Date() });
    found.score = score;
    return { changed: { ...found } };
  }

  async overriddenAmong(gradeIds: string[]): Promise<Set<string>> {
    return new Set(this.overrides.map((o) => o.gradeId).filter((id) => gradeIds.includes(id)));
  }

  async ofUserAndLab(userId: string, mpId: string): Promise<Grade[]> {
    return this.oldestFirst(this.all().filter((g) => g.userId === userId && g.mpId === mpId));
  }

  async history(userId: string, mpId: string, limit: number): Promise<Grade[]> {
    return (await this.ofUserAndLab(userId, mpId)).reverse().slice(0, limit);
  }

  async counting(userId: string, mpId: string, mode: GradingMode): Promise<Grade | null> {
    return countingGrade(await this.ofUserAndLab(userId, mpId), mode);
  }

  async countingPerLab(userId: string, modeOf: GradingModeOf): Promise<Grade[]> {
    return countingOfEach(this.oldestFirst(this.all().filter((g) => g.userId === userId)).reverse(), modeOf);
  }

  async countingForLab(mpId: string, mode: GradingMode): Promise<Grade[]> {
    return countingOfEach(this.oldestFirst(this.all().filter((g) => g.mpId === mpId)), () => mode);
  }

  async studentsPerLab(): Promise<Map<string, number>> {
    const students = new Map<string, Set<string>>();
    for (const g of this.all()) students.set(g.mpId, (students.get(g.mpId) ?? new Set()).add(g.userId));
    return new Map([...students].map(([mpId, users]) => [mpId, users.size]));
  }

  /** Every row, each a copy: what a query returns is the caller's own, as a row read from Postgres would be. */
  private all(): Grade[] {
    return [...this.rows.values()].map((g) => ({ ...g }));
  }

  private oldestFirst(grades: Grade[]): Grade[] {
    return grades.sort((a, b) => a.gradedAt.getTime() - b.gradedAt.getTime());
  }

  private change(id: string, fields: Partial<Grade>): void {
    const grade = this.rows.get(id);
    if (grade) Object.assign(grade, fields);
  }

  private copy(grade: Grade | undefined): Grade | null {
    return grade ? { ...grade } : null;
  }
}
