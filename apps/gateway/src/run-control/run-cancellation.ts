import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ApiError, AppConfig, AttemptReports, AttemptsRepository, CatalogueService, REDIS, RunQueue, runCancelChannel } from '@wb/common';
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
 * box, and the audit log keeps who did it and why.
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
}
