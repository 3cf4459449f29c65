import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions in Postgres too, so that a Redis restarted empty signs nobody out. */
export class DurableSessions1764210000000 implements MigrationInterface {
  name = 'DurableSessions1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id varchar(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_expires ON sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
