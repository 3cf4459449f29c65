import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #8: the notifier's probe history, incidents (with their alert state) and probe streaks. */
export class WorkerHealth1764150000000 implements MigrationInterface {
  name = 'WorkerHealth1764150000000';

  async up(q: QueryRunner): Promise<void> {
    // Streaks live on the worker row so that a transition is one conditional UPDATE, whichever
    // notifier replica ran the probe.
    await q.query(`
      ALTER TABLE workers
        ADD COLUMN gpu_probe boolean NOT NULL DEFAULT false,
        ADD COLUMN failure_streak integer NOT NULL DEFAULT 0,
        ADD COLUMN success_streak integer NOT NULL DEFAULT 0,
        ADD COLUMN last_probe_at timestamptz,
        ADD COLUMN last_probe_ok boolean,
        ADD COLUMN last_probe_reason text`);

    await q.query(`
      CREATE TABLE worker_probes (
        id bigserial PRIMARY KEY,
        worker_id uuid NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        reason text,
        ms integer NOT NULL
      )`);
    await q.query(`CREATE INDEX worker_probes_worker_at ON worker_probes (worker_id, at DESC)`);
    await q.query(`CREATE INDEX worker_probes_at ON worker_probes (at)`); // pruning old history

    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(32) NOT NULL CHECK (kind IN ('worker_down', 'queue_backlog', 'queue_no_consumer')),
        subject varchar(128) NOT NULL,
        worker_id uuid REFERENCES workers (id) ON DELETE SET NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        reason text NOT NULL,
        actions text NOT NULL DEFAULT '',
        log_tail text NOT NULL DEFAULT '',
        opened_alert_sent_at timestamptz,
        closed_alert_sent_at timestamptz
      )`);
    // At most one open incident per thing that can fail: two replicas racing open one.
    await q.query(`CREATE UNIQUE INDEX incidents_one_open ON incidents (kind, subject) WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX incidents_worker_opened ON incidents (worker_id, opened_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incidents`);
    await q.query(`DROP TABLE worker_probes`);
    await q.query(`
      ALTER TABLE workers DROP COLUMN gpu_probe, DROP COLUMN failure_streak, DROP COLUMN success_streak,
        DROP COLUMN last_probe_at, DROP COLUMN last_probe_ok, DROP COLUMN last_probe_reason`);
  }
}
