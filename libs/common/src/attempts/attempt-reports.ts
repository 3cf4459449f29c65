import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CatalogueService } from '../catalogue/catalogue.service';
import { AppConfig } from '../config/app-config';
import { GradeQueue } from '../grading/grade-queue';
import { METRICS, UNKNOWN_TOOLCHAIN } from '../metrics/wb-metrics';
import { REDIS } from '../redis/redis.module';
import { FinalStatus, isFinal, RunResultsReport } from './attempt-outcome';
import { AttemptsRepository } from './attempts.repository';
import { safeReport } from './report-text';

/**
 * The Redis pub/sub channel that says "this attempt changed" to every gateway (its event
 * streams re-read the attempt); the message carries no data.
 */
export function attemptChannel(redisPrefix: string, attemptId: string): string {
  return `${redisPrefix}:attempt:${attemptId}`;
}

/**
 * Applies what is learnt of an attempt: a worker's report (through the gateway's run_results),
 * the notifier's internal_error for an attempt whose job failed for good, a staff member's
 * cancel, or the gateway's internal_error when it could not queue the run. Idempotent and
 * monotonic: {@link AttemptsRepository} only moves an attempt forward, and once it has a verdict
 * nothing changes it, so a worker retrying a report, or a second worker finishing a redelivered
 * job, cannot overwrite the result. Each change is announced to the attempt's live views.
 */
@Injectable()
export class AttemptReports {
  private readonly logger = new Logger(AttemptReports.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly gradeQueue: GradeQueue,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly catalogue: CatalogueService,
  ) {}

  /**
   * False when the lab has no such attempt. Every string of the report is made safe to store
   * first ({@link safeReport}): no byte a program produced can make the update fail.
   * `replacing` lets a staff member's replay of a dead letter put the real verdict in place of
   * the internal_error that the undelivered report left.
   */
  async apply(mpId: string, unsafe: RunResultsReport, options: { replacing?: 'internal_error' } = {}): Promise<boolean> {
    const report = safeReport(unsafe);
    const attempt = await this.attempts.findBrief(report.attemptId);
    if (!attempt || attempt.mpId !== mpId) return false;

    const changed = await this.attempts.advance(report, options);
    // Only a report that changed the attempt is announced; a redelivered one stays silent.
    if (changed) await this.publish(report.attemptId);
    if (changed && isFinal(report.status)) this.countVerdict(mpId, report.status);
    if (!isFinal(report.status) || attempt.kind !== 'grade') return true;
    // Queued even for a repeated verdict: the job id is the attempt id, so a grade job is added
    // once, and a process that died between the update and this line is made good by the retry.
    // A replayed verdict replaces an internal_error that was already (not) graded: grade it anew.
    if (options.replacing && changed) await this.gradeQueue.enqueueAgain(report.attemptId);
    else await this.gradeQueue.enqueue(report.attemptId);
    return true;
  }

  /**
   * A staff member ends an attempt that has no verdict yet: it is `cancelled`, saying why, and
   * gets no grade. False when the attempt already had a verdict (or does not exist).
   */
  async cancel(attemptId: string, why: string): Promise<boolean> {
    if (!(await this.attempts.cancel(attemptId, why))) return false;
    await this.publish(attemptId);
    await this.countVerdictOf(attemptId, 'cancelled');
    return true;
  }

  /**
   * The platform gave up on a pending attempt before any worker judged it (the gateway could not
   * queue its run): internal_error, saying why. No grade job, as an internal_error gets no grade.
   * False when the attempt had a verdict already, which it keeps.
   */
  async endWithInternalError(attemptId: string, why: string): Promise<boolean> {
    if (!(await this.attempts.endWithInternalError(attemptId, why))) return false;
    await this.publish(attemptId);
    await this.countVerdictOf(attemptId, 'internal_error');
    return true;
  }

  private countVerdict(mpId: string, verdict: FinalStatus): void {
    METRICS.attemptVerdicts.inc({ toolchain: this.catalogue.find(mpId)?.config.toolchain ?? UNKNOWN_TOOLCHAIN, verdict });
  }

  /** For the verdicts given by attempt id alone (rare: a cancel, a queue that failed), which lab it was. */
  private async countVerdictOf(attemptId: string, verdict: FinalStatus): Promise<void> {
    const attempt = await this.attempts.findBrief(attemptId);
    if (attempt) this.countVerdict(attempt.mpId, verdict);
  }

  /** Best effort: a lost message costs only latency, since event streams re-read on (re)connect. */
  private async publish(attemptId: string): Promise<void> {
    await this.redis
      .publish(attemptChannel(this.config.REDIS_PREFIX, attemptId), '1')
      .catch((err: Error) => this.logger.warn(`publish failed: ${err.message}`));
  }
}
