import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queued attempt's wait estimate comes from the last runs of each lab of its toolchain: this
 * index finds a lab's latest finished runs without reading its other attempts.
 */
export class RunDurations1764230000000 implements MigrationInterface {
  name = 'RunDurations1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX attempts_mp_finished ON attempts (mp_id, finished_at DESC) WHERE started_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attempts_mp_finished`);
  }
}
