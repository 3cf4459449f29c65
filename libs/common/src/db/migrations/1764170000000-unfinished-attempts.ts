import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifier looks through the unfinished attempts every round for ones whose run job was lost
 * or failed for good: a handful among millions of finished ones, which this index finds at once.
 */
export class UnfinishedAttempts1764170000000 implements MigrationInterface {
  name = 'UnfinishedAttempts1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX attempts_unfinished ON attempts (created_at) WHERE finished_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attempts_unfinished`);
  }
}
