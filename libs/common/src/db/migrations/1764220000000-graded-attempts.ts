import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifier looks every round for grade attempts of the last 30 days that finished without a
 * grade: this index finds those attempts among the run attempts, newest verdicts first, and the
 * unique index on grades.attempt_id answers whether each has its grade.
 */
export class GradedAttempts1764220000000 implements MigrationInterface {
  name = 'GradedAttempts1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX attempts_grade_finished ON attempts (finished_at) WHERE kind = 'grade'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attempts_grade_finished`);
  }
}
