import { Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  AttemptsRepository,
  CatalogueService,
  GradesRepository,
  GradingMode,
  isFinal,
  PassbackQueue,
  scoreAttempt,
  UNJUDGED_STATUSES,
} from '@wb/common';
import { UnrecoverableError } from 'bullmq';

@Injectable()
export class GradingService {
  private readonly logger = new Logger(GradingService.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly grades: GradesRepository,
    private readonly catalogue: CatalogueService,
    private readonly passback: PassbackQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Scores a finished grade attempt with its lab's rubric and stores the grade. Exactly once:
   * the insert does nothing when the attempt already has a grade (a redelivered job). An attempt
   * the platform could not run (internal_error) or that staff cancelled gets no grade.
   */
  async grade(attemptId: string): Promise<void> {
    const attempt = await this.attempts.findById(attemptId);
    if (!attempt) throw new UnrecoverableError(`no attempt ${attemptId}`);
    if (attempt.kind !== 'grade') throw new UnrecoverableError(`attempt ${attemptId} is a run, not a grade attempt`);
    if (!isFinal(attempt.status)) throw new Error(`attempt ${attemptId} has not finished yet (${attempt.status})`);
    // The platform failed, not the program (or staff stopped it): no grade, and the student grades again (the attempt says so).
    if (UNJUDGED_STATUSES.includes(attempt.status)) return this.logger.warn(`attempt ${attemptId} ended in ${attempt.status}: not graded`);
    const mp = this.catalogue.find(attempt.mpId);
    if (!mp) throw new UnrecoverableError(`lab "${attempt.mpId}" is no longer in the catalogue`);

    const { items, score, maxScore, late } = scoreAttempt(mp, attempt);
    const gradeId = await this.grades.insertOnce({
      userId: attempt.userId,
      mpId: attempt.mpId,
      attemptId,
      score,
      maxScore,
      items,
      late,
      gradedAt: new Date(),
    });
    if (!gradeId) return this.logger.log(`attempt ${attemptId} was graded already`);
    this.logger.log(`graded attempt ${attemptId} (${attempt.mpId}): ${score} / ${maxScore}${late ? ' late' : ''}`);

    if (mp.config.passback_auto && this.config.PASSBACK_MODE !== 'none')
      await this.sendIfCounting(gradeId, attempt.userId, attempt.mpId, mp.config.grading);
  }

  /** Labs with `passback_auto` send each grade that becomes the counting one. */
  private async sendIfCounting(gradeId: string, userId: string, mpId: string, mode: GradingMode): Promise<void> {
    if ((await this.grades.counting(userId, mpId, mode))?.id !== gradeId) return;
    await this.passback.enqueue(gradeId);
  }
}
