import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How much a program and its compiler wrote in all (the stored text keeps the first part), and
 * the staff actions that change what students see: cancelled runs, replayed or discarded dead
 * letters.
 */
export class ReportBytesAuditLog1764190000000 implements MigrationInterface {
  name = 'ReportBytesAuditLog1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attempts ADD COLUMN output_bytes bigint, ADD COLUMN compiler_output_bytes bigint`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        action varchar(64) NOT NULL,
        subject varchar(128) NOT NULL,
        detail text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_created ON audit_log (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`ALTER TABLE attempts DROP COLUMN output_bytes, DROP COLUMN compiler_output_bytes`);
  }
}
