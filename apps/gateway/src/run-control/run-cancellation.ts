import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import {
  ApiError,
  AppConfig,
  AttemptReports,
  AttemptsRepository,
  CatalogueService,
  isFinal,
  REDIS,
  RunQueue,
  runCancelChannel,
} from '@wb/common';
import { isUUID } from 'class-validator';
import Redis from 'ioredis';
import { AuditLog } from '../audit/audit-log';
import type { RequestUser } from '../auth/authenticated-request';

export interface CancelOutcome {
  attemptId: string;
  status: 'cancelled';
  /** A worker was running it: its box is being stopped. */
  wasRunning: boolean;
}

/**
 * A staff member ends an attempt stuck in the queue or in a box: the attempt becomes `cancelled`
 * (its live views hear of it at once), its job leaves the queue, a worker running it stops the
 * box, and the audit log keeps who did it and why. A student may end only their own attempt,
 * and only while no worker has taken it.
 */
@Injectable()
export class RunCancellation {
  private readonly logger = new Logger(RunCancellation.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly reports: AttemptReports,
    private readonly runQueue: RunQueue,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditLog,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async cancel(attemptId: string, staff: RequestUser, reason?: string): Promise<CancelOutcome> {
    const attempt = isUUID(attemptId) ? await this.attempts.findBrief(attemptId) : null;
    if (!attempt) throw new ApiError(HttpStatus.NOT_FOUND, 'no such attempt');
    const why = `Cancelled by ${staff.username}${reason?.trim() ? `: ${reason.trim()}` : ''}. Your program is saved: run it again.`;
    if (!(await this.reports.cancel(attempt.id, why)))
      throw new ApiError(
        HttpStatus.CONFLICT,
        `attempt ${attempt.id} has finished already (${(await this.attempts.statusOf(attempt.id)) ?? attempt.status})`,
      );

    const toolchain = this.catalogue.find(attempt.mpId)?.config.toolchain;
    const state = toolchain ? await this.runQueue.withdraw(attempt.id, toolchain) : 'unknown';
    const wasRunning = state === 'active';
    // Only the worker holding the job can stop its box; every worker hears this, the one running it acts.
    if (wasRunning) await this.redis.publish(runCancelChannel(this.config.REDIS_PREFIX), attempt.id);
    await this.audit.record(staff, 'attempt.cancel', attempt.id, reason?.trim() ?? '');
    this.logger.warn(`attempt ${attempt.id} (${attempt.mpId}) cancelled by ${staff.username}${wasRunning ? ' while running' : ''}`);
    return { attemptId: attempt.id, status: 'cancelled', wasRunning };
  }

  /**
   * The student's own queued attempt leaves the queue and becomes `cancelled`. Another user's
   * attempt is a 404, as everywhere; one a worker has taken (or that has finished) is a 409. The
   * job goes first: BullMQ removes it only while no worker holds it, so a run never starts after
   * its attempt was cancelled nor is cancelled once started.
   */
  async cancelQueued(attemptId: string, mpId: string, student: RequestUser): Promise<CancelOutcome> {
    const attempt = isUUID(attemptId) ? await this.attempts.findForUser(student.id, mpId, attemptId) : null;
    if (!attempt) throw new ApiError(HttpStatus.NOT_FOUND, 'no such attempt');
    const started = () =>
      new ApiError(HttpStatus.CONFLICT, `attempt ${attempt.id} has started already: only a queued run can be cancelled`);
    if (attempt.status !== 'queued') {
      if (isFinal(attempt.status))
        throw new ApiError(HttpStatus.CONFLICT, `attempt ${attempt.id} has finished already (${attempt.status})`);
      throw started();
    }
    const toolchain = this.catalogue.find(mpId)?.config.toolchain;
    if (toolchain && !(await this.runQueue.withdrawWaiting(attempt.id, toolchain))) throw started();
    if (!(await this.reports.cancel(attempt.id, 'You cancelled this run before it started. Your program is saved: run it again.')))
      throw new ApiError(
        HttpStatus.CONFLICT,
        `attempt ${attempt.id} has finished already (${(await this.attempts.statusOf(attempt.id)) ?? 'gone'})`,
      );
    this.logger.log(`attempt ${attempt.id} (${mpId}) cancelled by its student ${student.username} while queued`);
    return { attemptId: attempt.id, status: 'cancelled', wasRunning: false };
  }
}
