import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Attempt } from '../db/entities/attempt.entity';
import { GradeQueue } from '../grading/grade-queue';
import { REDIS } from '../redis/redis.module';
import { AttemptStatus, isFinal, PENDING_STATUSES, RunResultsReport, statusRank } from './attempt-outcome';
import { REPORT_LIMITS, safeReport } from './report-text';
import { cappedText } from '../text/program-text';

/**
 * The Redis pub/sub channel that says "this attempt changed" to every gateway (its event
 * streams re-read the attempt); the message carries no data.
 */
export function attemptChannel(redisPrefix: string, attemptId: string): string {
  return `${redisPrefix}:attempt:${attemptId}`;
}

/**
 * Applies what is learnt of an attempt: a worker's report (through the gateway's run_results), or
 * the notifier's internal_error for an attempt whose job failed for good. Idempotent and
 * monotonic: the conditional UPDATE only moves an attempt forward, and once it has a verdict
 * nothing changes it, so a worker retrying a report, or a second worker finishing a redelivered
 * job, cannot overwrite the result.
 */
@Injectable()
export class AttemptReports {
  private readonly logger = new Logger(AttemptReports.name);
  private readonly attempts: Repository<Attempt>;

  constructor(
    dataSource: DataSource,
    private readonly gradeQueue: GradeQueue,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.attempts = dataSource.getRepository(Attempt);
  }

  /**
   * False when the lab has no such attempt. Every string of the report is made safe to store
   * first ({@link safeReport}): no byte a program produced can make the update fail.
   * `replacing` lets a staff member's replay of a dead letter put the real verdict in place of
   * the internal_error that the undelivered report left.
   */
  async apply(mpId: string, unsafe: RunResultsReport, options: { replacing?: 'internal_error' } = {}): Promise<boolean> {
    const report = safeReport(unsafe);
    const attempt = await this.attempts.findOne({ where: { id: report.attemptId, mpId }, select: { id: true, kind: true } });
    if (!attempt) return false;

    const earlier: AttemptStatus[] = PENDING_STATUSES.filter((s) => statusRank(s) < statusRank(report.status));
    if (options.replacing && isFinal(report.status)) earlier.push(options.replacing);
    // A worker no longer registered (its row deleted) must not make the report fail on the foreign key.
    const workerId = () => '(SELECT id FROM workers WHERE id = :workerId)';
    const update = this.attempts
      .createQueryBuilder()
      .update()
      .where('id = :id AND status IN (:...earlier)', { id: report.attemptId, earlier })
      .setParameter('workerId', report.workerId ?? null);
    if (!isFinal(report.status)) {
      const progressed = await update.set({ status: report.status, workerId, startedAt: () => 'COALESCE(started_at, now())' }).execute();
      if (progressed.affected) await this.publish(report.attemptId);
      return true;
    }
    const finished = await update
      .set({
        status: report.status,
        passed: report.status === 'passed',
        compilerOutput: report.compilerOutput ?? '',
        compilerOutputBytes: report.compilerOutputBytes ?? null,
        output: report.output ?? '',
        outputBytes: report.outputBytes ?? null,
        results: report.results ?? [],
        timers: report.timers ?? [],
        logs: report.logs ?? [],
        workerId,
        startedAt: () => 'COALESCE(started_at, now())',
        finishedAt: () => 'now()',
      })
      .execute();
    // Only a report that changed the attempt is announced; a redelivered one stays silent.
    if (finished.affected) await this.publish(report.attemptId);
    // Queued even for a repeated report: the job id is the attempt id, so a grade job is added
    // once, and a process that died between the update and this line is made good by the retry.
    if (attempt.kind !== 'grade') return true;
    // A replayed verdict replaces an internal_error that was already (not) graded: grade it anew.
    if (options.replacing && finished.affected) await this.gradeQueue.enqueueAgain(report.attemptId);
    else await this.gradeQueue.enqueue(report.attemptId);
    return true;
  }

  /**
   * A staff member ends an attempt that has no verdict yet: it is `cancelled`, saying why, and
   * gets no grade. False when the attempt already had a verdict (or does not exist).
   */
  async cancel(attemptId: string, why: string): Promise<boolean> {
    const cancelled = await this.attempts
      .createQueryBuilder()
      .update()
      .set({
        status: 'cancelled',
        passed: false,
        output: cappedText(why, { maxBytes: REPORT_LIMITS.outputBytes }).text,
        finishedAt: () => 'now()',
      })
      .where('id = :id AND status IN (:...pending)', { id: attemptId, pending: [...PENDING_STATUSES] })
      .execute();
    if (!cancelled.affected) return false;
    await this.publish(attemptId);
    return true;
  }

  /** Best effort: a lost message costs only latency, since event streams re-read on (re)connect. */
  private async publish(attemptId: string): Promise<void> {
    await this.redis
      .publish(attemptChannel(this.config.REDIS_PREFIX, attemptId), '1')
      .catch((err: Error) => this.logger.warn(`publish failed: ${err.message}`));
  }
}
