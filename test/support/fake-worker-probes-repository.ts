import { NewWorkerProbe, WorkerProbe, WorkerProbesRepository } from '@wb/common';
import { PublicOf } from './public-of';

/**
 * The worker_probes table in memory, for the unit tests of the services that use
 * {@link WorkerProbesRepository}. The real repository's SQL is tested against Postgres in its own spec.
 */
export class FakeWorkerProbesRepository implements PublicOf<WorkerProbesRepository> {
  readonly rows: WorkerProbe[] = [];

  /** This fake where a service takes the repository: only the real one's private DataSource differs. */
  get repository(): WorkerProbesRepository {
    return this as unknown as WorkerProbesRepository;
  }

  async insert(probe: NewWorkerProbe): Promise<void> {
    this.rows.push({ id: String(this.rows.length + 1), at: new Date(), ...probe });
  }

  async recent(workerId: string, limit: number): Promise<WorkerProbe[]> {
    return this.rows
      .filter((p) => p.workerId === workerId)
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, limit);
  }

  async deleteOlderThan(days: number): Promise<void> {
    const cutoff = Date.now() - days * 86_400_000;
    this.rows.splice(0, this.rows.length, ...this.rows.filter((p) => p.at.getTime() >= cutoff));
  }
}
