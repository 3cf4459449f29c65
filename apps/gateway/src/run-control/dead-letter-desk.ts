import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, AttemptReports, AttemptsRepository, DeadLetters } from '@wb/common';
import { AuditLog } from '../audit/audit-log';
import type { RequestUser } from '../auth/authenticated-request';

/** A dead letter as the staff see it. */
export interface DeadLetterView {
  id: string;
  attemptId: string;
  mpId: string;
  /** The undelivered verdict. */
  verdict: string;
  reason: string;
  failedAt: string;
  /** Where the attempt stands now (internal_error, usually), or null when it is gone. */
  attemptStatus: string | null;
}

export interface ReplayOutcome {
  attemptId: string;
  /** Whether the verdict replaced what the attempt had (false: it already had a real verdict). */
  applied: boolean;
  attemptStatus: string;
}

/**
 * The staff's side of the dead-letters queue: see each undelivered verdict and why, replay it
 * (applied like any report, replacing the internal_error the attempt got meanwhile, then graded
 * if it was a grade attempt), or discard it. Both are kept in the audit log.
 */
@Injectable()
export class DeadLetterDesk {
  private readonly logger = new Logger(DeadLetterDesk.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly letters: DeadLetters,
    private readonly reports: AttemptReports,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<DeadLetterView[]> {
    const jobs = await this.letters.list();
    const statuses = await this.attempts.statusesOf(jobs.map((j) => j.data.report.attemptId));
    return jobs.map((j) => ({
      id: j.id!,
      attemptId: j.data.report.attemptId,
      mpId: j.data.mpId,
      verdict: j.data.report.status,
      reason: j.data.reason,
      failedAt: j.data.failedAt,
      attemptStatus: statuses.get(j.data.report.attemptId) ?? null,
    }));
  }

  count(): Promise<number> {
    return this.letters.count();
  }

  async replay(id: string, staff: RequestUser): Promise<ReplayOutcome> {
    const letter = await this.letters.find(id);
    if (!letter) throw new ApiError(HttpStatus.NOT_FOUND, 'no such dead letter');
    const { mpId, report } = letter.data;
    const before = await this.attempts.statusOf(report.attemptId);
    const applied = before !== null && (await this.reports.apply(mpId, report, { replacing: 'internal_error' }));
    const after = applied ? await this.attempts.statusOf(report.attemptId) : null;
    if (!before || !after)
      throw new ApiError(HttpStatus.CONFLICT, `attempt ${report.attemptId} no longer exists: discard this dead letter`);
    await this.letters.remove(id);
    await this.audit.record(staff, 'dead_letter.replay', report.attemptId, `${before} → ${after}`);
    this.logger.log(`dead letter ${id} replayed by ${staff.username}: ${before} → ${after}`);
    return { attemptId: report.attemptId, applied: before !== after, attemptStatus: after };
  }

  async discard(id: string, staff: RequestUser): Promise<void> {
    if (!(await this.letters.remove(id))) throw new ApiError(HttpStatus.NOT_FOUND, 'no such dead letter');
    await this.audit.record(staff, 'dead_letter.discard', id);
    this.logger.log(`dead letter ${id} discarded by ${staff.username}`);
  }
}
