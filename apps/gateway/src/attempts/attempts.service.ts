import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, Attempt, AttemptReports, AttemptsRepository, RunResultsReport } from '@wb/common';
import { isUUID } from 'class-validator';

@Injectable()
export class AttemptsService {
  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly reports: AttemptReports,
  ) {}

  list(userId: string, mpId: string, limit = 200): Promise<Attempt[]> {
    return this.attempts.listForUser(userId, mpId, limit);
  }

  /** Another user's attempt is reported exactly like a missing one (404). */
  async findOwn(userId: string, mpId: string, attemptId: string): Promise<Attempt> {
    const attempt = isUUID(attemptId) ? await this.attempts.findForUser(userId, mpId, attemptId) : null;
    if (!attempt) throw new ApiError(HttpStatus.NOT_FOUND, 'no such attempt');
    return attempt;
  }

  /** A worker's report (run_results): see {@link AttemptReports}. */
  async applyReport(mpId: string, report: RunResultsReport): Promise<void> {
    if (!(await this.reports.apply(mpId, report)))
      throw new ApiError(HttpStatus.NOT_FOUND, `no attempt ${report.attemptId} for lab "${mpId}"`);
  }

  /** Per lab, the user's best outcome: passed if any attempt passed, else the latest status. */
  async standings(userId: string): Promise<Map<string, { status: string; passed: boolean }>> {
    return new Map((await this.attempts.bestPerLab(userId)).map((r) => [r.mpId, { status: r.status, passed: r.passed }]));
  }
}
