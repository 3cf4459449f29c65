import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { Attempt, AttemptKind } from '../db/entities/attempt.entity';
import type { QueuedAttempt } from '../queues/run-queue';
import { cappedText } from '../text/program-text';
import { AttemptStatus, isFinal, PENDING_STATUSES, RunResultsReport, statusRank, UNJUDGED_STATUSES } from './attempt-outcome';
import { REPORT_LIMITS } from './report-text';

/** What a submission records; everything else starts at its default (queued, nothing run yet). */
export type NewAttempt = Pick<Attempt, 'userId' | 'mpId' | 'kind' | 'dataset' | 'program' | 'programSha256'>;

/** Where an attempt stands, without its program or what its run printed. */
export type AttemptBrief = Pick<Attempt, 'id' | 'mpId' | 'kind' | 'status'>;

/** An attempt without a verdict yet, with who submitted it and the worker that has it, if any. */
export interface UnfinishedAttempt {
  id: string;
  mpId: string;
  kind: AttemptKind;
  status: AttemptStatus;
  userId: string;
  username: string;
  workerId: string | null;
  workerName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  /** Since it was submitted, by the database's clock. */
  ageMs: number;
}

/**
 * The `attempts` table: the only class that writes it, and the one that reads it. Every status
 * change is forward-only (queued → compiling → running → a verdict) and made by one conditional
 * UPDATE, so two writers racing (a worker's report, a staff member's cancel, the notifier giving
 * up on a job, a gateway whose queue failed) cannot move an attempt back or overwrite a verdict;
 * each write says whether it changed the attempt, which is what its caller announces.
 */
@Injectable()
export class AttemptsRepository {
  private readonly attempts: Repository<Attempt>;

  constructor(dataSource: DataSource) {
    this.attempts = dataSource.getRepository(Attempt);
  }

  /** A new attempt, queued; with its id and creation time. */
  insertQueued(attempt: NewAttempt): Promise<Attempt> {
    return this.attempts.save(this.attempts.create({ ...attempt, status: 'queued' }));
  }

  /**
   * Applies a report (already made safe to store) when it moves the attempt forward: progress
   * from an earlier pending status, a verdict onto a pending attempt, or, with `replacing`, a
   * verdict in place of that status (a dead letter's replay). True when the attempt changed.
   * Plain SQL: every attempt makes three of these, and TypeORM's query builder cost more CPU
   * than the statement itself.
   */
  async advance(report: RunResultsReport, options: { replacing?: 'internal_error' } = {}): Promise<boolean> {
    const earlier: AttemptStatus[] = PENDING_STATUSES.filter((s) => statusRank(s) < statusRank(report.status));
    if (options.replacing && isFinal(report.status)) earlier.push(options.replacing);
    // A worker no longer registered (its row deleted) must not make the report fail on the foreign key.
    const progress = `status = $3, worker_id = (SELECT id FROM workers WHERE id = $4), started_at = COALESCE(started_at, now())`;
    const [sql, verdict] = isFinal(report.status)
      ? [
          `${progress}, passed = $5, compiler_output = $6, compiler_output_bytes = $7, output = $8, output_bytes = $9,
           results = $10::jsonb, timers = $11::jsonb, logs = $12::jsonb, finished_at = now()`,
          [
            report.status === 'passed',
            report.compilerOutput ?? '',
            report.compilerOutputBytes ?? null,
            report.output ?? '',
            report.outputBytes ?? null,
            JSON.stringify(report.results ?? []),
            JSON.stringify(report.timers ?? []),
            JSON.stringify(report.logs ?? []),
          ],
        ]
      : [progress, []];
    const [, affected]: [unknown[], number] = await this.attempts.query(
      `UPDATE attempts SET ${sql} WHERE id = $1 AND status = ANY($2::text[])`,
      [report.attemptId, earlier, report.status, report.workerId ?? null, ...verdict],
    );
    return affected > 0;
  }

  /** A staff member's decision on an attempt without a verdict, or its student's on one still queued. False when it had one already (or does not exist). */
  cancel(id: string, why: string): Promise<boolean> {
    return this.endPending(id, 'cancelled', why);
  }

  /**
   * The platform could not run a pending attempt (its job could not be queued). False when it
   * has a verdict already: a run that got through after all keeps its real one.
   */
  endWithInternalError(id: string, why: string): Promise<boolean> {
    return this.endPending(id, 'internal_error', why);
  }

  /** `why` is what the student reads in place of the program's output. */
  private async endPending(id: string, status: 'cancelled' | 'internal_error', why: string): Promise<boolean> {
    const { affected } = await this.attempts
      .createQueryBuilder()
      .update()
      .set({
        status,
        passed: false,
        output: cappedText(why, { maxBytes: REPORT_LIMITS.outputBytes }).text,
        finishedAt: () => 'now()',
      })
      .where('id = :id AND status IN (:...pending)', { id, pending: [...PENDING_STATUSES] })
      .execute();
    return Boolean(affected);
  }

  findById(id: string): Promise<Attempt | null> {
    return this.attempts.findOneBy({ id });
  }

  /** Read for every report a worker sends: plain SQL, as {@link advance}. */
  async findBrief(id: string): Promise<AttemptBrief | null> {
    const rows: AttemptBrief[] = await this.attempts.query(`SELECT id, mp_id AS "mpId", kind, status FROM attempts WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async statusOf(id: string): Promise<AttemptStatus | null> {
    return (await this.attempts.findOne({ where: { id }, select: { id: true, status: true } }))?.status ?? null;
  }

  /** The status of each of those attempts that exists. */
  async statusesOf(ids: string[]): Promise<Map<string, AttemptStatus>> {
    if (!ids.length) return new Map();
    const found = await this.attempts.find({ where: { id: In(ids) }, select: { id: true, status: true } });
    return new Map(found.map((a) => [a.id, a.status]));
  }

  /** The user's own attempt at the lab; null for another user's, exactly as for a missing one. */
  findForUser(userId: string, mpId: string, id: string): Promise<Attempt | null> {
    return this.attempts.findOneBy({ id, userId, mpId });
  }

  /** The user's attempts at the lab, the newest first (attempts_user_mp_created). */
  listForUser(userId: string, mpId: string, limit: number): Promise<Attempt[]> {
    return this.attempts.find({ where: { userId, mpId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Per lab the user tried, the best outcome: a passed attempt if any, else the latest. */
  async bestPerLab(userId: string): Promise<{ mpId: string; status: AttemptStatus; passed: boolean }[]> {
    const rows: { mp_id: string; status: AttemptStatus; passed: boolean }[] = await this.attempts.query(
      `SELECT DISTINCT ON (mp_id) mp_id, status, passed FROM attempts WHERE user_id = $1 ORDER BY mp_id, passed DESC, created_at DESC`,
      [userId],
    );
    return rows.map((r) => ({ mpId: r.mp_id, status: r.status, passed: r.passed }));
  }

  /** The oldest unfinished attempts, found through the partial index on finished_at. */
  async unfinished(limit: number): Promise<UnfinishedAttempt[]> {
    const rows: {
      id: string;
      mp_id: string;
      kind: AttemptKind;
      status: AttemptStatus;
      user_id: string;
      username: string;
      worker_id: string | null;
      worker_name: string | null;
      created_at: Date;
      started_at: Date | null;
      age_ms: number;
    }[] = await this.attempts.query(
      `SELECT a.id, a.mp_id, a.kind, a.status, a.user_id, u.username, a.worker_id, w.name AS worker_name, a.created_at,
              a.started_at, (extract(epoch FROM now() - a.created_at) * 1000)::float8 AS age_ms
         FROM attempts a JOIN users u ON u.id = a.user_id LEFT JOIN workers w ON w.id = a.worker_id
        WHERE a.finished_at IS NULL ORDER BY a.created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      mpId: r.mp_id,
      kind: r.kind,
      status: r.status,
      userId: r.user_id,
      username: r.username,
      workerId: r.worker_id,
      workerName: r.worker_name,
      createdAt: r.created_at,
      startedAt: r.started_at,
      ageMs: Math.round(r.age_ms),
    }));
  }

  /** Unfinished attempts submitted more than `ageMs` ago, the oldest first. */
  async unfinishedOlderThan(ageMs: number, limit: number): Promise<{ id: string; mpId: string }[]> {
    const rows: { id: string; mp_id: string }[] = await this.attempts.query(
      `SELECT id, mp_id FROM attempts WHERE finished_at IS NULL AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2`,
      [ageMs / 1000, limit],
    );
    return rows.map((r) => ({ id: r.id, mpId: r.mp_id }));
  }

  /** What queueing the attempt's run again takes; null once it has finished (or does not exist). */
  findUnfinished(id: string): Promise<QueuedAttempt | null> {
    return this.attempts.findOne({
      where: { id, finishedAt: IsNull() },
      select: { id: true, mpId: true, kind: true, dataset: true, program: true, programSha256: true },
    });
  }

  /**
   * Grade attempts the platform judged between `lookBackDays` days and `settledMs` ago that have
   * no grade, the oldest verdict first (attempts_grade_finished).
   */
  async judgedWithoutGrade(settledMs: number, lookBackDays: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.attempts.query(
      `SELECT a.id FROM attempts a
       WHERE a.kind = 'grade' AND a.finished_at < now() - make_interval(secs => $1)
         AND a.finished_at > now() - make_interval(days => $4) AND NOT (a.status = ANY($2))
         AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.attempt_id = a.id)
       ORDER BY a.finished_at LIMIT $3`,
      [settledMs / 1000, UNJUDGED_STATUSES, limit, lookBackDays],
    );
    return rows.map((r) => r.id);
  }

  /** Of those attempts, how many have finished, and how many of them have a grade. */
  async finishedAndGraded(ids: string[]): Promise<{ finished: number; graded: number }> {
    const [row]: { finished: string; graded: string }[] = await this.attempts.query(
      `SELECT count(*) FILTER (WHERE a.finished_at IS NOT NULL) AS finished, count(g.id) AS graded
         FROM attempts a LEFT JOIN grades g ON g.attempt_id = a.id WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    return { finished: Number(row?.finished ?? 0), graded: Number(row?.graded ?? 0) };
  }

  /** How many attempts each worker is compiling or running now (a worker's "jobs" on the staff's list). */
  async jobsPerWorker(): Promise<Map<string, number>> {
    const rows: { worker_id: string; jobs: string }[] = await this.attempts.query(
      `SELECT worker_id, count(*) AS jobs FROM attempts WHERE worker_id IS NOT NULL AND status IN ('compiling', 'running') GROUP BY worker_id`,
    );
    return new Map(rows.map((r) => [r.worker_id, Number(r.jobs)]));
  }

  /**
   * How long a worker held each of the latest `last` judged attempts of these labs (first report
   * to verdict: compiling and running), their median in milliseconds; null when none ran yet.
   * Each lab's latest come from attempts_mp_finished, so the cost does not grow with the table.
   */
  async medianRunMs(mpIds: string[], last: number): Promise<number | null> {
    if (!mpIds.length) return null;
    const [row]: { median_ms: number | null }[] = await this.attempts.query(
      `SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms))::float8 AS median_ms
         FROM (SELECT l.ms FROM unnest($1::text[]) AS lab(id)
                 CROSS JOIN LATERAL (
                   SELECT a.finished_at, extract(epoch FROM a.finished_at - a.started_at) * 1000 AS ms
                     FROM attempts a
                    WHERE a.mp_id = lab.id AND a.started_at IS NOT NULL AND a.finished_at IS NOT NULL
                      AND NOT (a.status = ANY($3))
                    ORDER BY a.finished_at DESC LIMIT $2) l
                ORDER BY l.finished_at DESC LIMIT $2) r`,
      [mpIds, last, UNJUDGED_STATUSES],
    );
    return row?.median_ms === null || row?.median_ms === undefined ? null : Math.round(row.median_ms);
  }

  /** The program an attempt ran; attempts never change it. */
  async programOf(id: string): Promise<string | null> {
    return (await this.attempts.findOne({ where: { id }, select: { id: true, program: true } }))?.program ?? null;
  }

  /** Those attempts' programs and whose they are. */
  programsOf(ids: string[]): Promise<Pick<Attempt, 'id' | 'userId' | 'program'>[]> {
    return this.attempts.find({ where: { id: In(ids) }, select: { id: true, userId: true, program: true } });
  }
}
