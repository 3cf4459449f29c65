import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

/** Reads the unfinished attempts (a handful, found through the partial index on finished_at). */
@Injectable()
export class UnfinishedRuns {
  constructor(private readonly dataSource: DataSource) {}

  async list(limit = 200): Promise<UnfinishedRun[]> {
    const rows: {
      id: string;
      mp_id: string;
      kind: string;
      status: string;
      user_id: string;
      username: string;
      worker_id: string | null;
      worker_name: string | null;
      created_at: Date;
      started_at: Date | null;
      age_ms: number;
    }[] = await this.dataSource.query(
      `SELECT a.id, a.mp_id, a.kind, a.status, a.user_id, u.username, a.worker_id, w.name AS worker_name, a.created_at,
              a.started_at, (extract(epoch FROM now() - a.created_at) * 1000)::float8 AS age_ms
         FROM attempts a JOIN users u ON u.id = a.user_id LEFT JOIN workers w ON w.id = a.worker_id
        WHERE a.finished_at IS NULL ORDER BY a.created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      attemptId: r.id,
      mpId: r.mp_id,
      kind: r.kind,
      status: r.status,
      userId: r.user_id,
      username: r.username,
      workerId: r.worker_id,
      workerName: r.worker_name,
      createdAt: r.created_at,
      startedAt: r.started_at,
      ageMs: Math.round(r.age_ms),
    }));
  }
}
