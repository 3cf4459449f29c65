import { Injectable } from '@nestjs/common';
import { DataSource, Not, Repository } from 'typeorm';
import { WorkerRecord, WorkerStatus } from '../db/entities/worker.entity';
import type { Toolchain } from '../toolchains/toolchain-specs';

/** What a worker says of itself when it registers; status, times and streaks are the platform's. */
export type WorkerRegistration = Pick<WorkerRecord, 'name' | 'url' | 'toolchains' | 'gpu' | 'gpuProbe' | 'version'>;

/** One probe's verdict, as the worker's row keeps the last one. */
export interface ProbeVerdict {
  ok: boolean;
  /** Why it failed; null when it passed. */
  reason: string | null;
}

/** How many probes in a row, the latest included, passed or failed. */
export interface ProbeStreaks {
  failureStreak: number;
  successStreak: number;
}

/**
 * The `workers` table: the only class that writes it, and the one that reads it. Two apps change
 * a worker's row, and each makes only its own transitions of `status`:
 *
 * - The gateway (`WorkersService`) speaks for the worker itself. `register` sets `up` and both
 *   probe streaks to 0 from any status: a worker registers when its process starts, and the
 *   probes of the process before say nothing about this one (an incident still open is closed
 *   by the notifier once the new process passes its probes). `heartbeat` stamps the time and
 *   reads the status back without changing it, so that a worker the notifier marked down learns
 *   it and pauses its consumers instead of undoing it. `deregister` sets `stopped` from any
 *   status: the worker is leaving, and nothing may probe it or count on it any more.
 * - The notifier (`WorkerHealthService`) judges the worker by its probes. `recordProbe` extends
 *   a streak of a worker not stopped, `markDown` moves `up` to `down` and `markUp` `down` to
 *   `up`. Each is one conditional UPDATE, so overlapping probe rounds (several replicas) make a
 *   transition once, and the notifier never brings a stopped worker back nor stops one.
 *
 * A registration can race a probe round, and two short windows are left as they are, since both
 * heal themselves: a failed probe of the old process recorded after the registration counts
 * against the new one (one per round in flight, short of `HEALTH_FAILURES_TO_DOWN` unless it is
 * 1); and a registration landing between `recordProbe` reaching that threshold and `markDown` is
 * marked down with its streaks at 0, and is up again after `HEALTH_SUCCESSES_TO_UP` passing probes.
 */
@Injectable()
export class WorkersRepository {
  private readonly workers: Repository<WorkerRecord>;

  constructor(private readonly dataSource: DataSource) {
    this.workers = dataSource.getRepository(WorkerRecord);
  }

  /** A worker is known by its name: registering again (a restart) updates the same row. Its id. */
  async register(worker: WorkerRegistration): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO workers (name, url, toolchains, gpu, gpu_probe, version, status, registered_at, last_heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'up', now(), now())
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, toolchains = EXCLUDED.toolchains, gpu = EXCLUDED.gpu,
         gpu_probe = EXCLUDED.gpu_probe, version = EXCLUDED.version, status = 'up', registered_at = now(),
         last_heartbeat_at = now(), failure_streak = 0, success_streak = 0
       RETURNING id`,
      [worker.name, worker.url, worker.toolchains, worker.gpu, worker.gpuProbe, worker.version],
    );
    return rows[0].id;
  }

  /** Stamps the worker's heartbeat; its status, which the heartbeat never changes, or null for no such worker. */
  async heartbeat(id: string): Promise<WorkerStatus | null> {
    const [rows]: [{ status: WorkerStatus }[], number] = await this.dataSource.query(
      `UPDATE workers SET last_heartbeat_at = $2 WHERE id = $1 RETURNING status`,
      [id, new Date()],
    );
    return rows[0]?.status ?? null;
  }

  /** The worker leaves the rotation, whatever its status. False for no such worker. */
  async deregister(id: string): Promise<boolean> {
    const { affected } = await this.workers.update({ id }, { status: 'stopped' });
    return Boolean(affected);
  }

  /**
   * Extends the worker's streak of passed or failed probes (and resets the other) and keeps the
   * verdict as its last probe; the streaks, or null when the worker is stopped (it deregistered
   * while being probed) and nothing changed.
   */
  async recordProbe(id: string, verdict: ProbeVerdict): Promise<ProbeStreaks | null> {
    const [rows]: [{ failure_streak: number; success_streak: number }[], number] = await this.dataSource.query(
      `UPDATE workers SET
         failure_streak = CASE WHEN $2 THEN 0 ELSE failure_streak + 1 END,
         success_streak = CASE WHEN $2 THEN success_streak + 1 ELSE 0 END,
         last_probe_at = now(), last_probe_ok = $2, last_probe_reason = $3
       WHERE id = $1 AND status <> 'stopped'
       RETURNING failure_streak, success_streak`,
      [id, verdict.ok, verdict.reason],
    );
    return rows[0] ? { failureStreak: rows[0].failure_streak, successStreak: rows[0].success_streak } : null;
  }

  /** `up` → `down`; true when this call made the change. */
  markDown(id: string): Promise<boolean> {
    return this.move(id, 'up', 'down');
  }

  /** `down` → `up`; true when this call made the change. */
  markUp(id: string): Promise<boolean> {
    return this.move(id, 'down', 'up');
  }

  private async move(id: string, from: WorkerStatus, to: WorkerStatus): Promise<boolean> {
    const { affected } = await this.workers.update({ id, status: from }, { status: to });
    return Boolean(affected);
  }

  findById(id: string): Promise<WorkerRecord | null> {
    return this.workers.findOneBy({ id });
  }

  /** Every worker, stopped ones included, by name: the staff's list. */
  list(): Promise<WorkerRecord[]> {
    return this.workers.find({ order: { name: 'ASC' } });
  }

  /** The workers the notifier probes: every one not stopped, since a down one has to pass probes to come back. */
  listNotStopped(): Promise<WorkerRecord[]> {
    return this.workers.find({ where: { status: Not('stopped') } });
  }

  /** Whether a worker that is up (heartbeating, probes passing) serves this toolchain. */
  async isServed(toolchain: Toolchain): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM workers WHERE status = 'up' AND $1 = ANY (toolchains) LIMIT 1`, [
      toolchain,
    ]);
    return rows.length > 0;
  }

  /** How many workers not stopped serve each toolchain, by status: the fleet as /metrics shows it. */
  async countByToolchain(): Promise<{ toolchain: Toolchain; status: Exclude<WorkerStatus, 'stopped'>; workers: number }[]> {
    const rows: { toolchain: Toolchain; status: Exclude<WorkerStatus, 'stopped'>; workers: string }[] = await this.dataSource.query(
      `SELECT t AS toolchain, status, count(*) AS workers
         FROM workers CROSS JOIN LATERAL unnest(toolchains) AS t
        WHERE status <> 'stopped'
        GROUP BY t, status`,
    );
    return rows.map((r) => ({ toolchain: r.toolchain, status: r.status, workers: Number(r.workers) }));
  }

  /** The toolchains of every worker not stopped, up or down: the queues someone registered to consume. */
  async servedToolchains(): Promise<Set<Toolchain>> {
    const rows: { t: Toolchain }[] = await this.dataSource.query(
      `SELECT DISTINCT unnest(toolchains) AS t FROM workers WHERE status <> 'stopped'`,
    );
    return new Set(rows.map((r) => r.t));
  }
}
