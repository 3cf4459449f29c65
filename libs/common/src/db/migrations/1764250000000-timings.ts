import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timed runs of labs with `performance:` and the names students show on the leaderboard (none:
 * anonymous). The partial index serves the leaderboard, which reads only valid, visible figures.
 */
export class Timings1764250000000 implements MigrationInterface {
  name = 'Timings1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE timings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mp_id varchar(64) NOT NULL,
        program_sha256 char(64) NOT NULL,
        reference boolean NOT NULL DEFAULT false,
        state varchar(16) NOT NULL DEFAULT 'queued',
        status varchar(16),
        reason text,
        runs jsonb NOT NULL DEFAULT '[]',
        median_ms double precision,
        min_ms double precision,
        max_ms double precision,
        spread double precision,
        device_model varchar(200),
        device_start jsonb,
        device_end jsonb,
        hidden_reason text,
        hidden_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX timings_user_mp_created ON timings (user_id, mp_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX timings_leaderboard ON timings (mp_id, device_model, median_ms) WHERE status = 'valid' AND hidden_reason IS NULL`,
    );
    await q.query(`
      CREATE TABLE leaderboard_names (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        display_name varchar(40) NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leaderboard_names`);
    await q.query(`DROP TABLE timings`);
  }
}
