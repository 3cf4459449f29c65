import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  ApiError,
  AppConfig,
  AttemptsRepository,
  CatalogueService,
  countingGrade,
  CountingGrades,
  Grade,
  GradesRepository,
  Mp,
  PassbackQueue,
  REDIS,
  UsersRepository,
} from '@wb/common';
import { isUUID } from 'class-validator';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SubmissionsService } from '../../submissions/submissions.service';
import { GradeRow } from './grades-csv';
import type { RequestUser } from '../../auth/authenticated-request';

export interface RegradeProgress {
  batchId: string;
  /** The new grade attempts, to follow one by one (`/mp/:mp_id/attempt/:id` is the student's). */
  attemptIds: string[];
  mpId: string;
  total: number;
  /** Grade attempts whose run has finished. */
  finished: number;
  /** Of those, how many the grader has scored. */
  graded: number;
  done: boolean;
}

const BATCH_TTL_S = 7 * 86_400;

export interface OverrideOutcome {
  grade: Grade;
  /** The student's counting grade after the override, when it was queued for the course. */
  resent: Grade | null;
}

/** Staff tools: export, regrade, override. Every query here spans all students of a lab. */
@Injectable()
export class StaffGradesService {
  constructor(
    private readonly users: UsersRepository,
    private readonly grades: GradesRepository,
    private readonly attempts: AttemptsRepository,
    private readonly submissions: SubmissionsService,
    private readonly catalogue: CatalogueService,
    private readonly countingGrades: CountingGrades,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly passback: PassbackQueue,
    private readonly config: AppConfig,
  ) {}

  /** How many students have a grade, per lab id. */
  gradedStudentsByLab(): Promise<Map<string, number>> {
    return this.grades.studentsPerLab();
  }

  async exportRows(mp: Mp): Promise<GradeRow[]> {
    const grades = await this.countingGrades.forLab(mp);
    const users = new Map((await this.users.findByIds(grades.map((g) => g.userId))).map((u) => [u.id, u]));
    const overridden = await this.grades.overriddenAmong(grades.map((g) => g.id));
    return grades
      .map((g) => ({
        gradeId: g.id,
        username: users.get(g.userId)?.username ?? '(deleted)',
        userId: g.userId,
        score: g.score,
        maxScore: g.maxScore,
        late: g.late,
        gradedAt: g.gradedAt,
        attemptId: g.attemptId,
        passbackState: g.passbackState,
        overridden: overridden.has(g.id),
      }))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /**
   * Runs every student's counting program again as a new grade attempt (after a dataset or
   * rubric fix). They go through the run queue like any grade, paced by the workers, not the
   * students' limiter; the batch remembers its attempts so staff can follow the progress.
   */
  async regrade(mp: Mp): Promise<RegradeProgress> {
    const programs = await this.countingGrades.programs(mp);
    const users = new Map((await this.users.findByIds(programs.map((p) => p.userId))).map((u) => [u.id, u]));
    const attemptIds: string[] = [];
    for (const { userId, program } of programs) {
      const user = users.get(userId);
      if (!user) continue;
      const attempt = await this.submissions.submit(user, mp, program, -1, { kind: 'grade', save: false, limit: false });
      attemptIds.push(attempt.id);
    }
    const batchId = randomUUID();
    await this.redis.set(this.batchKey(batchId), JSON.stringify({ mpId: mp.config.id, attemptIds }), 'EX', BATCH_TTL_S);
    return this.progress(mp, batchId);
  }

  async progress(mp: Mp, batchId: string): Promise<RegradeProgress> {
    const json = isUUID(batchId) ? await this.redis.get(this.batchKey(batchId)) : null;
    const batch = json ? (JSON.parse(json) as { mpId: string; attemptIds: string[] }) : null;
    if (!batch || batch.mpId !== mp.config.id) throw new ApiError(HttpStatus.NOT_FOUND, `no regrade ${batchId} for "${mp.config.id}"`);
    const { finished, graded } = await this.attempts.finishedAndGraded(batch.attemptIds);
    const total = batch.attemptIds.length;
    return { batchId, attemptIds: batch.attemptIds, mpId: mp.config.id, total, finished, graded, done: graded === total };
  }

  /**
   * Changes a grade's score by hand, with who, the old and new score and why in the audit trail.
   * A course that already holds a grade of this student for this lab (or a lab that sends by
   * itself) gets the student's counting grade again, which the override may have changed.
   */
  async override(staff: RequestUser, gradeId: string, score: number, reason: string): Promise<OverrideOutcome> {
    const result = isUUID(gradeId) ? await this.grades.override({ gradeId, staffId: staff.id, score, reason }) : { missing: true as const };
    if ('missing' in result) throw new ApiError(HttpStatus.NOT_FOUND, `no grade ${gradeId}`);
    if ('aboveMax' in result) throw new ApiError(HttpStatus.BAD_REQUEST, `score must be at most the grade's maximum, ${result.aboveMax}`);
    return { grade: result.changed, resent: await this.resendCounting(result.changed) };
  }

  private async resendCounting(changed: Grade): Promise<Grade | null> {
    const mp = this.catalogue.find(changed.mpId);
    if (this.config.PASSBACK_MODE === 'none' || !mp) return null;
    const all = await this.grades.ofUserAndLab(changed.userId, changed.mpId);
    if (!mp.config.passback_auto && all.every((g) => g.passbackState === 'none')) return null;
    const counting = countingGrade(all, mp.config.grading);
    if (counting) await this.passback.enqueue(counting.id);
    return counting;
  }

  find(mpId: string): Mp {
    const mp = this.catalogue.find(mpId);
    if (!mp) throw new ApiError(HttpStatus.NOT_FOUND, `there is no lab "${mpId}"`);
    return mp;
  }

  private batchKey(batchId: string): string {
    return `${this.config.REDIS_PREFIX}:regrade:${batchId}`;
  }
}
