import {
  Attempt,
  AttemptBrief,
  AttemptsRepository,
  AttemptStatus,
  isFinal,
  NewAttempt,
  PENDING_STATUSES,
  QueuedAttempt,
  RunResultsReport,
  statusRank,
  UnfinishedAttempt,
  UNJUDGED_STATUSES,
} from '@wb/common';
import { randomUUID } from 'node:crypto';
import type { PublicOf } from './public-of';

/**
 * The attempts table in memory, for the unit tests of the services that use
 * {@link AttemptsRepository}: the same rules (only forward, a verdict never overwritten) without
 * Postgres. The real repository's SQL is tested against Postgres in its own spec.
 */
export class FakeAttemptsRepository implements PublicOf<AttemptsRepository> {
  readonly rows = new Map<string, Attempt>();
  /** The ids of the attempts that have a grade: the grades table, as far as these queries see it. */
  readonly graded = new Set<string>();
  /** User id → username, for the staff's list of unfinished attempts. */
  readonly usernames = new Map<string, string>();

  /** This fake where a service takes the repository: only the real one's private DataSource differs. */
  get repository(): AttemptsRepository {
    return this as unknown as AttemptsRepository;
  }

  /** An attempt as a test needs it; the rest as a new one has it (queued now, nothing run). */
  add(fields: Partial<Attempt> = {}): Attempt {
    const attempt: Attempt = {
      id: randomUUID(),
      userId: 'u1',
      mpId: 'lab',
      kind: 'run',
      dataset: 0,
      program: 'int main() {}',
      programSha256: '0'.repeat(64),
      status: 'queued',
      passed: false,
      compilerOutput: '',
      compilerOutputBytes: null,
      output: '',
      outputBytes: null,
      results: [],
      timers: [],
      logs: [],
      workerId: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
      ...fields,
    };
    this.rows.set(attempt.id, attempt);
    return attempt;
  }

  async insertQueued(attempt: NewAttempt): Promise<Attempt> {
    return { ...this.add({ ...attempt, status: 'queued' }) };
  }

  async advance(report: RunResultsReport, options: { replacing?: 'internal_error' } = {}): Promise<boolean> {
    const earlier: AttemptStatus[] = PENDING_STATUSES.filter((s) => statusRank(s) < statusRank(report.status));
    if (options.replacing && isFinal(report.status)) earlier.push(options.replacing);
    const attempt = this.rows.get(report.attemptId);
    if (!attempt || !earlier.includes(attempt.status)) return false;
    Object.assign(attempt, { status: report.status, workerId: report.workerId ?? null, startedAt: attempt.startedAt ?? new Date() });
    if (isFinal(report.status))
      Object.assign(attempt, {
        passed: report.status === 'passed',
        compilerOutput: report.compilerOutput ?? '',
        compilerOutputBytes: report.compilerOutputBytes ?? null,
        output: report.output ?? '',
        outputBytes: report.outputBytes ?? null,
        results: report.results ?? [],
        timers: report.timers ?? [],
        logs: report.logs ?? [],
        finishedAt: new Date(),
      });
    return true;
  }

  async cancel(id: string, why: string): Promise<boolean> {
    return this.endPending(id, 'cancelled', why);
  }

  async endWithInternalError(id: string, why: string): Promise<boolean> {
    return this.endPending(id, 'internal_error', why);
  }

  private endPending(id: string, status: 'cancelled' | 'internal_error', why: string): boolean {
    const attempt = this.rows.get(id);
    if (!attempt || isFinal(attempt.status)) return false;
    Object.assign(attempt, { status, passed: false, output: why, finishedAt: new Date() });
    return true;
  }

  async findById(id: string): Promise<Attempt | null> {
    return this.copy(this.rows.get(id));
  }

  async findBrief(id: string): Promise<AttemptBrief | null> {
    const attempt = this.rows.get(id);
    return attempt ? { id: attempt.id, mpId: attempt.mpId, kind: attempt.kind, status: attempt.status } : null;
  }

  async statusOf(id: string): Promise<AttemptStatus | null> {
    return this.rows.get(id)?.status ?? null;
  }

  async statusesOf(ids: string[]): Promise<Map<string, AttemptStatus>> {
    const statuses = new Map<string, AttemptStatus>();
    for (const attempt of ids.flatMap((id) => this.rows.get(id) ?? [])) statuses.set(attempt.id, attempt.status);
    return statuses;
  }

  async findForUser(userId: string, mpId: string, id: string): Promise<Attempt | null> {
    const attempt = this.rows.get(id);
    return attempt?.userId === userId && attempt.mpId === mpId ? this.copy(attempt) : null;
  }

  async listForUser(userId: string, mpId: string, limit: number): Promise<Attempt[]> {
    return this.all()
      .filter((a) => a.userId === userId && a.mpId === mpId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit);
  }

  async bestPerLab(userId: string): Promise<{ mpId: string; status: AttemptStatus; passed: boolean }[]> {
    const best = new Map<string, Attempt>();
    for (const a of this.all().filter((a) => a.userId === userId)) {
      const kept = best.get(a.mpId);
      if (!kept || Number(a.passed) > Number(kept.passed) || (a.passed === kept.passed && a.createdAt > kept.createdAt))
        best.set(a.mpId, a);
    }
    return [...best.values()].map((a) => ({ mpId: a.mpId, status: a.status, passed: a.passed }));
  }

  async unfinished(limit: number): Promise<UnfinishedAttempt[]> {
    return this.oldestFirst(this.all().filter((a) => !a.finishedAt))
      .slice(0, limit)
      .map((a) => ({
        id: a.id,
        mpId: a.mpId,
        kind: a.kind,
        status: a.status,
        userId: a.userId,
        username: this.usernames.get(a.userId) ?? a.userId,
        workerId: a.workerId,
        workerName: null,
        createdAt: a.createdAt,
        startedAt: a.startedAt,
        ageMs: Date.now() - a.createdAt.getTime(),
      }));
  }

  async unfinishedOlderThan(ageMs: number, limit: number): Promise<{ id: string; mpId: string }[]> {
    return this.oldestFirst(this.all().filter((a) => !a.finishedAt && a.createdAt.getTime() < Date.now() - ageMs))
      .slice(0, limit)
      .map((a) => ({ id: a.id, mpId: a.mpId }));
  }

  async findUnfinished(id: string): Promise<QueuedAttempt | null> {
    const attempt = this.rows.get(id);
    return attempt && !attempt.finishedAt ? this.copy(attempt) : null;
  }

  async judgedWithoutGrade(settledMs: number, lookBackDays: number, limit: number): Promise<string[]> {
    const now = Date.now();
    return this.all()
      .filter(
        (a) =>
          a.kind === 'grade' &&
          a.finishedAt &&
          a.finishedAt.getTime() < now - settledMs &&
          a.finishedAt.getTime() > now - lookBackDays * 86_400_000 &&
          !UNJUDGED_STATUSES.includes(a.status) &&
          !this.graded.has(a.id),
      )
      .sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime())
      .slice(0, limit)
      .map((a) => a.id);
  }

  async finishedAndGraded(ids: string[]): Promise<{ finished: number; graded: number }> {
    const found = ids.flatMap((id) => this.rows.get(id) ?? []);
    return { finished: found.filter((a) => a.finishedAt).length, graded: found.filter((a) => this.graded.has(a.id)).length };
  }

  async jobsPerWorker(): Promise<Map<string, number>> {
    const jobs = new Map<string, number>();
    for (const a of this.all()) {
      if (a.workerId && (a.status === 'compiling' || a.status === 'running')) jobs.set(a.workerId, (jobs.get(a.workerId) ?? 0) + 1);
    }
    return jobs;
  }

  async medianRunMs(mpIds: string[], last: number): Promise<number | null> {
    const times = this.all()
      .filter((a) => mpIds.includes(a.mpId) && a.startedAt && a.finishedAt && !UNJUDGED_STATUSES.includes(a.status))
      .sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime())
      .slice(0, last)
      .map((a) => a.finishedAt!.getTime() - a.startedAt!.getTime())
      .sort((a, b) => a - b);
    if (!times.length) return null;
    const middle = (times.length - 1) / 2;
    return Math.round((times[Math.floor(middle)] + times[Math.ceil(middle)]) / 2);
  }

  async programOf(id: string): Promise<string | null> {
    return this.rows.get(id)?.program ?? null;
  }

  async programsOf(ids: string[]): Promise<Pick<Attempt, 'id' | 'userId' | 'program'>[]> {
    return ids.flatMap((id) => this.rows.get(id) ?? []).map((a) => ({ id: a.id, userId: a.userId, program: a.program }));
  }

  private all(): Attempt[] {
    return [...this.rows.values()];
  }

  private oldestFirst(attempts: Attempt[]): Attempt[] {
    return attempts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** What a query returns is the caller's own, as a row read from Postgres would be. */
  private copy(attempt: Attempt | undefined): Attempt | null {
    return attempt ? { ...attempt } : null;
  }
}
