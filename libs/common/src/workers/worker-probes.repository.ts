import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { WorkerProbe } from '../db/entities/worker-probe.entity';

/** One probe as the notifier ran it; the time is the database's. */
export type NewWorkerProbe = Pick<WorkerProbe, 'workerId' | 'ok' | 'reason' | 'ms'>;

/**
 * The `worker_probes` table, the notifier's probe history: the only class that writes it, and
 * the one that reads it. Rows are only ever inserted and, once old, deleted: the worker's row
 * keeps what the health decisions need (streaks, last probe), this history is for people.
 */
@Injectable()
export class WorkerProbesRepository {
  private readonly probes: Repository<WorkerProbe>;

  constructor(private readonly dataSource: DataSource) {
    this.probes = dataSource.getRepository(WorkerProbe);
  }

  async insert(probe: NewWorkerProbe): Promise<void> {
    await this.dataSource.query(`INSERT INTO worker_probes (worker_id, ok, reason, ms) VALUES ($1, $2, $3, $4)`, [
      probe.workerId,
      probe.ok,
      probe.reason,
      probe.ms,
    ]);
  }

  /** The worker's latest probes, the newest first (worker_probes_worker_at). */
  recent(workerId: string, limit: number): Promise<WorkerProbe[]> {
    return this.probes.find({ where: { workerId }, order: { at: 'DESC' }, take: limit });
  }

  /** Forgets the probes older than that many days (worker_probes_at). */
  async deleteOlderThan(days: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM worker_probes WHERE at < now() - make_interval(days => $1)`, [days]);
  }
}
