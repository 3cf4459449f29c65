import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a user's grades go under LTI (the outcome service or line item, and the sourcedid or
 * platform user id the course platform gave them; null means "use the configured URL and
 * template"), and the audit trail of grades that staff changed by hand.
 */
export class GradePassback1764140000000 implements MigrationInterface {
  name = 'GradePassback1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN lti_outcome_url text, ADD COLUMN lti_sourcedid text`);
    await q.query(`
      CREATE TABLE grade_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grade_id uuid NOT NULL REFERENCES grades (id) ON DELETE CASCADE,
        staff_id uuid REFERENCES users (id) ON DELETE SET NULL,
        old_score real NOT NULL,
        new_score real NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX grade_overrides_grade ON grade_overrides (grade_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grade_overrides`);
    await q.query(`ALTER TABLE users DROP COLUMN lti_outcome_url, DROP COLUMN lti_sourcedid`);
  }
}
