import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueService, GradesRepository, METRICS, UsersRepository } from '@wb/common';
import { UnrecoverableError } from 'bullmq';
import { PASSBACK_ADAPTER, PassbackAdapter, PassbackRefused } from './passback-adapter';

@Injectable()
export class PassbackService {
  private readonly logger = new Logger(PassbackService.name);
  constructor(
    private readonly users: UsersRepository,
    private readonly grades: GradesRepository,
    private readonly catalogue: CatalogueService,
    @Inject(PASSBACK_ADAPTER) private readonly adapter: PassbackAdapter,
  ) {}

  /**
   * Sends one grade and records the outcome on it for the grade page. A failure that a later
   * try may fix is rethrown for BullMQ's backoff (the grade stays "queued" with the last error
   * shown); a refusal, or the last try, marks the grade failed with the reason.
   */
  async send(gradeId: string, lastTry: boolean): Promise<void> {
    const grade = await this.grades.findById(gradeId);
    if (!grade) throw new UnrecoverableError(`no grade ${gradeId}`);
    const user = await this.users.findById(grade.userId);
    const mp = this.catalogue.find(grade.mpId);
    if (!user || !mp) throw new UnrecoverableError(`grade ${gradeId}: its ${user ? 'lab' : 'user'} no longer exists`);

    try {
      const fraction = grade.maxScore > 0 ? grade.score / grade.maxScore : 0;
      await this.adapter.send({ grade, user, mp, fraction });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const refused = err instanceof PassbackRefused;
      await (refused || lastTry ? this.grades.markFailed(gradeId, reason) : this.grades.noteRetry(gradeId, reason));
      METRICS.passbacks.inc({ outcome: refused ? 'refused' : lastTry ? 'failed' : 'retry' });
      this.logger.warn(
        `passback of grade ${gradeId} ${refused ? 'refused' : lastTry ? 'failed for good' : 'failed, will retry'}: ${reason}`,
      );
      throw refused ? new UnrecoverableError(reason) : err;
    }
    await this.grades.markSent(gradeId);
    METRICS.passbacks.inc({ outcome: 'sent' });
    this.logger.log(`sent grade ${gradeId} (${grade.score} / ${grade.maxScore}) to the course platform`);
  }
}
