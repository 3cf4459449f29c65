import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per student and lab, where LTI 1.1 grades go, as the course platform's last launch said. */
export class LtiLinks1764180000000 implements MigrationInterface {
  name = 'LtiLinks1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lti_links (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mp_id varchar(64) NOT NULL,
        outcome_url text NOT NULL,
        sourcedid text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, mp_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lti_links`);
  }
}
