import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, AttemptReports, AttemptsRepository, CatalogueService, RunQueue } from '@wb/common';

/** The oldest first: a long backlog is looked through over several rounds. */
const PER_ROUND = 500;

/**
 * Attempts that would otherwise never finish. Each round looks up the jobs of the oldest
 * unfinished attempts:
 * - failed for good (its retries used up, refused by a worker, or stalled too often): the attempt
 *   ends as internal_error saying why, applied like any verdict (AttemptReports), so the
 *   student's live view ends and the student can run again (the program is saved);
 * - gone (the gateway died between recording the attempt and queueing it, or Redis lost its
 *   data): queued again, under the same job id;
 * - of a lab no longer offered: internal_error, saying so.
 * Jobs waiting, delayed or running are left alone, however long they wait.
 */
@Injectable()
export class StrandedAttemptsService {
  private readonly logger = new Logger(StrandedAttemptsService.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly catalogue: CatalogueService,
    private readonly runQueue: RunQueue,
    private readonly reports: AttemptReports,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<void> {
    // Younger ones may still be between the gateway's insert and its enqueue (STRANDED_ATTEMPT_AFTER_MS).
    const stranded = await this.attempts.unfinishedOlderThan(this.config.STRANDED_ATTEMPT_AFTER_MS, PER_ROUND);
    for (const { id, mpId } of stranded) {
      // One attempt's trouble (Redis blinking, say) is retried next round, not the round's end.
      await this.rescue(id, mpId).catch((err: Error) => this.logger.warn(`attempt ${id}: ${err.message}; trying again next round`));
    }
  }

  private async rescue(id: string, mpId: string): Promise<void> {
    const mp = this.catalogue.find(mpId);
    if (!mp) return this.end(id, mpId, `lab "${mpId}" is no longer offered, so this attempt cannot run.`);
    const toolchain = mp.config.toolchain;
    const state = await this.runQueue.state(id, toolchain);
    if (state === 'failed') {
      const reason = await this.runQueue.failedReason(id, toolchain);
      return this.end(id, mpId, `The platform could not run this attempt (${reason}). Your program is saved: run it again.`);
    }
    if (state !== 'unknown') return;
    const attempt = await this.attempts.findUnfinished(id);
    if (!attempt) return;
    this.logger.warn(`attempt ${id} (${mpId}) had no run job: queued again`);
    await this.runQueue.enqueue(attempt, toolchain);
  }

  /** As any verdict is applied: it only moves an attempt forward, and tells its live views. */
  private async end(attemptId: string, mpId: string, why: string): Promise<void> {
    await this.reports.apply(mpId, { attemptId, status: 'internal_error', output: why });
    this.logger.warn(`attempt ${attemptId} (${mpId}) ended as internal_error: ${why}`);
  }
}
