import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, AttemptsRepository, GradeQueue } from '@wb/common';

/** The oldest first: a long backlog is looked through over several rounds. */
const PER_ROUND = 500;
/** Verdicts older than this were looked at in many rounds already (attempts_grade_finished). */
const LOOK_BACK_DAYS = 30;

/**
 * Grade attempts that finished with a verdict but have no grade, and would never get one:
 * - their grade job is gone (the report's process died before it queued one, or Redis lost its
 *   data): queued again, under the same job id;
 * - their grade job used every try (the grader could not reach Postgres for longer than its
 *   retries last): queued anew, with its tries again.
 * A job the grader refused for good (the lab left the catalogue) is left failed: it says why. Jobs
 * waiting, delayed or running are left alone.
 */
@Injectable()
export class UngradedAttemptsService {
  private readonly logger = new Logger(UngradedAttemptsService.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly grades: GradeQueue,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<void> {
    // Younger ones may still be between the verdict and its grade job (STRANDED_ATTEMPT_AFTER_MS).
    const ids = await this.attempts.judgedWithoutGrade(this.config.STRANDED_ATTEMPT_AFTER_MS, LOOK_BACK_DAYS, PER_ROUND);
    for (const id of ids) {
      // One attempt's trouble (Redis blinking, say) is retried next round, not the round's end.
      await this.rescue(id).catch((err: Error) => this.logger.warn(`grade of attempt ${id}: ${err.message}; trying again next round`));
    }
  }

  private async rescue(attemptId: string): Promise<void> {
    const state = await this.grades.state(attemptId);
    if (state === 'unknown') {
      this.logger.warn(`attempt ${attemptId} has a verdict but no grade job: queued again`);
      return this.grades.enqueue(attemptId);
    }
    if (state === 'failed' && (await this.grades.triesUsedUp(attemptId))) {
      this.logger.warn(`the grade job of attempt ${attemptId} used every try: queued anew`);
      return this.grades.enqueueAgain(attemptId);
    }
  }
}
