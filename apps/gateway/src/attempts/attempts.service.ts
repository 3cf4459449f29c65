import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, Attempt, AttemptReports, RunResultsReport } from '@wb/common';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';

@Injectable()
export class AttemptsService {
  private readonly attempts: Repository<Attempt>;

  constructor(
    dataSource: DataSource,
    private readonly reports: AttemptReports,
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

  /** A worker's report (run_results): see {@link AttemptReports}. */
  async applyReport(mpId: string, report: RunResultsReport): Promise<void> {
    if (!(await this.reports.apply(mpId, report)))
      throw new ApiError(HttpStatus.NOT_FOUND, `no attempt ${report.attemptId} for lab "${mpId}"`);
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
