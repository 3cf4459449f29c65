import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, Attempt, GradeQueue, isFinal, PENDING_STATUSES, RunResultsReport, statusRank } from '@wb/common';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { AttemptNotifier } from './attempt-notifier';

@Injectable()
export class AttemptsService {
  private readonly attempts: Repository<Attempt>;

  constructor(
    dataSource: DataSource,
    private readonly notifier: AttemptNotifier,
    private readonly gradeQueue: GradeQueue,
  ) {
    this.attempts = dataSource.getRepository(Attempt);
  }

  list(userId: string, mpId: string, limit = 200): Promise<Attempt[]> {
    return this.attempts.find({ where: { userId, mpId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Another user's attempt is reported exactly like a missing one (404). */
  async findOwn(userId: string, mpId: string, attemptId: string): Promise<Attempt> {
    const attempt = isUUID(attemptId) ? await this.attempts.findOneBy({ id: attemptId, userId, mpId }) : null;
    if (!attempt) throw new ApiError(HttpStatus.NOT_FOUND, 'no such attempt');
    return attempt;
  }

  /**
   * Applies a worker's report. Idempotent and monotonic: the conditional UPDATE only moves an
   * attempt forward, and once it has a verdict nothing changes it, so a worker retrying a
   * report, or a second worker finishing a redelivered job, cannot overwrite the result.
   */
  async applyReport(mpId: string, report: RunResultsReport): Promise<void> {
    const attempt = await this.attempts.findOne({ where: { id: report.attemptId, mpId }, select: { id: true, kind: true } });
    if (!attempt) throw new ApiError(HttpStatus.NOT_FOUND, `no attempt ${report.attemptId} for lab "${mpId}"`);

    const earlier = PENDING_STATUSES.filter((s) => statusRank(s) < statusRank(report.status));
    const update = this.attempts
      .createQueryBuilder()
      .update()
      .where('id = :id AND status IN (:...earlier)', { id: report.attemptId, earlier });
    if (!isFinal(report.status)) {
      const progressed = await update
        .set({ status: report.status, workerId: report.workerId ?? null, startedAt: () => 'COALESCE(started_at, now())' })
        .execute();
      if (progressed.affected) await this.notifier.publish(report.attemptId);
      return;
    }
    const results = report.results ?? [];
    const finished = await update
      .set({
        status: report.status,
        passed: report.status === 'passed',
        compilerOutput: report.compilerOutput ?? '',
        output: report.output ?? '',
        results,
        timers: report.timers ?? [],
        logs: report.logs ?? [],
        workerId: report.workerId ?? null,
        startedAt: () => 'COALESCE(started_at, now())',
        finishedAt: () => 'now()',
      })
      .execute();
    // Only a report that changed the attempt is announced; a redelivered one stays silent.
    if (finished.affected) await this.notifier.publish(report.attemptId);
    // Queued even for a repeated report: the job id is the attempt id, so a grade job is added
    // once, and a gateway that died between the update and this line is made good by the retry.
    if (attempt.kind === 'grade') await this.gradeQueue.enqueue(report.attemptId);
  }

  /** Per lab, the user's best outcome: passed if any attempt passed, else the latest status. */
  async standings(userId: string): Promise<Map<string, { status: string; passed: boolean }>> {
    const rows: { mp_id: string; status: string; passed: boolean }[] = await this.attempts.query(
      `SELECT DISTINCT ON (mp_id) mp_id, status, passed FROM attempts WHERE user_id = $1 ORDER BY mp_id, passed DESC, created_at DESC`,
      [userId],
    );
    return new Map(rows.map((r) => [r.mp_id, { status: r.status, passed: r.passed }]));
  }
}
