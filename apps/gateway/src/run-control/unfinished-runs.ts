import { Injectable } from '@nestjs/common';
import { AttemptsRepository } from '@wb/common';

/** An attempt without a verdict yet, as the staff see it on the workers page. */
export interface UnfinishedRun {
  attemptId: string;
  mpId: string;
  kind: string;
  status: string;
  userId: string;
  username: string;
  workerId: string | null;
  workerName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  /** Since it was submitted. */
  ageMs: number;
}

/** The unfinished attempts as the workers page lists them (a handful: see {@link AttemptsRepository.unfinished}). */
@Injectable()
export class UnfinishedRuns {
  constructor(private readonly attempts: AttemptsRepository) {}

  async list(limit = 200): Promise<UnfinishedRun[]> {
    return (await this.attempts.unfinished(limit)).map(({ id, ...run }) => ({ attemptId: id, ...run }));
  }
}
