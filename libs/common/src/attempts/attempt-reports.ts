import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Attempt } from '../db/entities/attempt.entity';
import { GradeQueue } from '../grading/grade-queue';
import { REDIS } from '../redis/redis.module';
import { isFinal, PENDING_STATUSES, RunResultsReport, statusRank } from './attempt-outcome';

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

  /** False when the lab has no such attempt. */
  async apply(mpId: string, report: RunResultsReport): Promise<boolean> {
    const attempt = await this.attempts.findOne({ where: { id: report.attemptId, mpId }, select: { id: true, kind: true } });
    if (!attempt) return false;

    const earlier = PENDING_STATUSES.filter((s) => statusRank(s) < statusRank(report.status));
    const update = this.attempts
      .createQueryBuilder()
      .update()
      .where('id = :id AND status IN (:...earlier)', { id: report.attemptId, earlier });
    if (!isFinal(report.status)) {
      const progressed = await update
        .set({ status: report.status, workerId: report.workerId ?? null, startedAt: () => 'COALESCE(started_at, now())' })
        .execute();
      if (progressed.affected) await this.publish(report.attemptId);
      return true;
    }
    const finished = await update
      .set({
        status: report.status,
        passed: report.status === 'passed',
        compilerOutput: report.compilerOutput ?? '',
        output: report.output ?? '',
        results: report.results ?? [],
        timers: report.timers ?? [],
        logs: report.logs ?? [],
        workerId: report.workerId ?? null,
        startedAt: () => 'COALESCE(started_at, now())',
        finishedAt: () => 'now()',
      })
      .execute();
    // Only a report that changed the attempt is announced; a redelivered one stays silent.
    if (finished.affected) await this.publish(report.attemptId);
    // Queued even for a repeated report: the job id is the attempt id, so a grade job is added
    // once, and a process that died between the update and this line is made good by the retry.
    if (attempt.kind === 'grade') await this.gradeQueue.enqueue(report.attemptId);
    return true;
  }

  /** Best effort: a lost message costs only latency, since event streams re-read on (re)connect. */
  private async publish(attemptId: string): Promise<void> {
    await this.redis
      .publish(attemptChannel(this.config.REDIS_PREFIX, attemptId), '1')
      .catch((err: Error) => this.logger.warn(`publish failed: ${err.message}`));
  }
}
