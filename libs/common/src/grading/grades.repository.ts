import { Injectable } from '@nestjs/common';
import { DataSource, In, Repository } from 'typeorm';
import type { GradingMode } from '../catalogue/mp-config';
import { GradeOverride } from '../db/entities/grade-override.entity';
import { Grade } from '../db/entities/grade.entity';
import { countingGrade, countingOfEach, GradingModeOf } from './counting-grade';

/** What scoring an attempt records; the passback state starts at `none`. */
export type NewGrade = Pick<Grade, 'userId' | 'mpId' | 'attemptId' | 'score' | 'maxScore' | 'items' | 'late' | 'gradedAt'>;

/** A staff member's change of a grade's score, and why. */
export interface ScoreOverride {
  /** A UUID (callers check what a request names first: Postgres refuses anything else). */
  gradeId: string;
  /** Null once the staff member's account is deleted; a new override always has one. */
  staffId: string | null;
  score: number;
  reason: string;
}

/** What became of an override: the grade with its new score, or why nothing changed. */
export type ScoreOverrideResult = { changed: Grade } | { missing: true } | { aboveMax: number };

/**
 * The `grades` table, and the `grade_overrides` audit trail of its hand-changed scores: the only
 * class that writes them, and the one that reads them. A grade is inserted once per attempt
 * (attempt_id is unique, so a redelivered grading job scores nothing twice); afterwards only
 * its passback state changes, and its score when staff override it. Which of a student's
 * grades for a lab counts is {@link countingGrade}'s decision, applied by the `counting*` reads.
 */
@Injectable()
export class GradesRepository {
  private readonly grades: Repository<Grade>;

  constructor(private readonly dataSource: DataSource) {
    this.grades = dataSource.getRepository(Grade);
  }

  /** Records the attempt's grade; the new grade's id, or null when the attempt has one already. */
  async insertOnce(grade: NewGrade): Promise<string | null> {
    const inserted = await this.grades.createQueryBuilder().insert().values(grade).orIgnore().returning(['id']).execute();
    return (inserted.raw as { id: string }[])[0]?.id ?? null;
  }

  findById(id: string): Promise<Grade | null> {
    return this.grades.findOneBy({ id });
  }

  /** The attempt's grade (there is at most one), or null while it has none. */
  ofAttempt(attemptId: string): Promise<Grade | null> {
    return this.grades.findOneBy({ attemptId });
  }

  /** Passback asked for: what the grade page shows until the grader reports. */
  async markQueued(id: string): Promise<void> {
    await this.grades.update({ id }, { passbackState: 'queued', passbackError: null });
  }

  /** The course platform took the grade. */
  async markSent(id: string): Promise<void> {
    await this.grades.update({ id }, { passbackState: 'sent', passbackSentAt: new Date(), passbackError: null });
  }

  /** A try failed and another comes: the state stays as it is, the error says so. */
  async noteRetry(id: string, reason: string): Promise<void> {
    await this.grades.update({ id }, { passbackError: `retrying: ${reason}` });
  }

  /** The platform refused the grade, or the last try failed. */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.grades.update({ id }, { passbackState: 'failed', passbackError: reason });
  }

  /**
   * Changes a grade's score and records who changed it, from what, to what and why, in one
   * transaction with the grade's row locked (two staff members overriding at once each see the
   * other's score as the old one). Nothing changes for a missing grade or a score above its maximum.
   */
  override({ gradeId, staffId, score, reason }: ScoreOverride): Promise<ScoreOverrideResult> {
    return this.dataSource.transaction(async (tx) => {
      const found = await tx.getRepository(Grade).findOne({ where: { id: gradeId }, lock: { mode: 'pessimistic_write' } });
      if (!found) return { missing: true as const };
      if (score > found.maxScore) return { aboveMax: found.maxScore };
      await tx.getRepository(GradeOverride).insert({ gradeId, staffId, oldScore: found.score, newScore: score, reason });
      await tx.getRepository(Grade).update({ id: gradeId }, { score });
      return { changed: { ...found, score } };
    });
  }

  /** Which of those grades staff have overridden. */
  async overriddenAmong(gradeIds: string[]): Promise<Set<string>> {
    const found = await this.dataSource.getRepository(GradeOverride).find({ where: { gradeId: In(gradeIds) }, select: { gradeId: true } });
    return new Set(found.map((o) => o.gradeId));
  }

  /** Every grade of the user for the lab, the oldest first. */
  ofUserAndLab(userId: string, mpId: string): Promise<Grade[]> {
    return this.grades.find({ where: { userId, mpId }, order: { gradedAt: 'ASC' } });
  }

  /** The user's grades for the lab, the newest first (grades_user_mp_graded). */
  history(userId: string, mpId: string, limit: number): Promise<Grade[]> {
    return this.grades.find({ where: { userId, mpId }, order: { gradedAt: 'DESC' }, take: limit });
  }

  /** The user's counting grade for the lab, or null. */
  async counting(userId: string, mpId: string, mode: GradingMode): Promise<Grade | null> {
    return countingGrade(await this.ofUserAndLab(userId, mpId), mode);
  }

  /** The user's counting grade of each lab they have one for, the lab graded most recently first. */
  async countingPerLab(userId: string, modeOf: GradingModeOf): Promise<Grade[]> {
    return countingOfEach(await this.grades.find({ where: { userId }, order: { gradedAt: 'DESC' } }), modeOf);
  }

  /** Each student's counting grade for the lab, in the order of the students' first grades. */
  async countingForLab(mpId: string, mode: GradingMode): Promise<Grade[]> {
    return countingOfEach(await this.grades.find({ where: { mpId }, order: { gradedAt: 'ASC' } }), () => mode);
  }

  /** How many students have a grade, per lab id. */
  async studentsPerLab(): Promise<Map<string, number>> {
    const rows: { mp_id: string; students: string }[] = await this.grades.query(
      `SELECT mp_id, count(DISTINCT user_id) AS students FROM grades GROUP BY mp_id`,
    );
    return new Map(rows.map((r) => [r.mp_id, Number(r.students)]));
  }
}
