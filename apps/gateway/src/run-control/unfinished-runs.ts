import { Injectable } from '@nestjs/common';
import { AttemptsRepository, UnfinishedAttempt } from '@wb/common';

/** An attempt without a verdict yet, as the staff see it on the workers page (and `GET /staff/runs`). */
export type UnfinishedRun = Omit<UnfinishedAttempt, 'id'> & { attemptId: string };

/** The unfinished attempts as the workers page lists them (a handful: see {@link AttemptsRepository.unfinished}). */
@Injectable()
export class UnfinishedRuns {
  constructor(private readonly attempts: AttemptsRepository) {}

  async list(limit = 200): Promise<UnfinishedRun[]> {
    return (await this.attempts.unfinished(limit)).map(({ id, ...run }) => ({ attemptId: id, ...run }));
  }
}
