import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, Attempt, AttemptKind, AttemptReports, AttemptsRepository, Mp, RunQueue, unavailable, withLogContext } from '@wb/common';
import { createHash } from 'node:crypto';
import { assertStorableProgram, ProgramsService } from '../programs/programs.service';
import { SubmissionLimiter } from './submission-limiter';
import type { RequestUser } from '../auth/authenticated-request';

export interface SubmitOptions {
  /** 'grade': every dataset, hidden ones included, scored by the grader when it finishes. */
  kind?: AttemptKind;
  /** false when the program is the one already saved (grading it must not bump its revision). */
  save?: boolean;
  /** false for staff regrades: the limiter paces a student's own requests, not the staff's. */
  limit?: boolean;
}

@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly reports: AttemptReports,
    private readonly programs: ProgramsService,
    private readonly limiter: SubmissionLimiter,
    private readonly runQueue: RunQueue,
  ) {}

  /**
   * Validates first (a bad request must not cost the student their slot), then takes the
   * limiter slot, saves the program, records the attempt and queues it.
   */
  async submit(user: RequestUser, mp: Mp, program: string, dataset: number, options: SubmitOptions = {}): Promise<Attempt> {
    const kind = options.kind ?? 'run';
    assertStorableProgram(mp, program);
    if (dataset !== -1 && !mp.datasets.some((d) => d.id === dataset && !d.hidden)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, `lab "${mp.config.id}" has no public dataset ${dataset}`);
    }
    const waitMs = options.limit === false ? 0 : await this.limiter.tryAcquire(user.id);
    if (waitMs > 0) {
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, `one submission every few seconds: wait ${Math.ceil(waitMs / 1000)} s`, {
        retryAfterMs: waitMs,
      });
    }
    if (options.save !== false) await this.programs.save(user.id, mp, program);
    const programSha256 = createHash('sha256').update(program).digest('hex');
    const attempt = await this.attempts.insertQueued({ userId: user.id, mpId: mp.config.id, kind, dataset, program, programSha256 });
    try {
      await this.runQueue.enqueue(attempt, mp.config.toolchain);
    } catch (err) {
      // The attempt must not sit "queued" forever with no job behind it. Ended like any verdict,
      // so a page already watching it hears of it; and only while pending, since a job that did
      // reach the queue (the failure came after Redis took it) may have been judged meanwhile.
      this.logger.error(`could not queue attempt ${attempt.id}: ${(err as Error).message}`);
      await this.reports.endWithInternalError(attempt.id, 'the run queue is unavailable');
      throw unavailable('the run queue is unavailable; your program is saved, try again shortly');
    }
    // One line per submission (a few a second in class, never one per save): it ties the request's id to the attempt.
    withLogContext({ attemptId: attempt.id }, () =>
      this.logger.log(`attempt ${attempt.id} queued: ${kind} of ${mp.config.id}, dataset ${dataset}, by user ${user.id}`),
    );
    return attempt;
  }
}
