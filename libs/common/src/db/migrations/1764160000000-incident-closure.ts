import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an incident ended: its subject recovered, or its worker was stopped (deregistered) while
 * down, which the alert and the staff pages say differently. Incidents closed before this
 * migration all recovered: nothing else closed them.
 */
export class IncidentClosure1764160000000 implements MigrationInterface {
  name = 'IncidentClosure1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incidents ADD COLUMN closed_because varchar(16) CHECK (closed_because IN ('recovered', 'stopped'))`);
    await q.query(`UPDATE incidents SET closed_because = 'recovered' WHERE closed_at IS NOT NULL`);
    await q.query(`ALTER TABLE incidents ADD CONSTRAINT incidents_closed_because CHECK ((closed_at IS NULL) = (closed_because IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incidents DROP COLUMN closed_because`);
  }
}
