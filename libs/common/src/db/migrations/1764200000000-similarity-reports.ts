import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Similarity reports: staff compare a lab's counting programs with each other and with programs
 * imported from earlier terms; a report keeps the pairs above its floor with their shared fragments.
 */
export class SimilarityReports1764200000000 implements MigrationInterface {
  name = 'SimilarityReports1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE similarity_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mp_id varchar(64) NOT NULL,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        state varchar(16) NOT NULL DEFAULT 'queued',
        progress jsonb NOT NULL DEFAULT '{"phase":"queued","done":0,"total":0}',
        submissions jsonb NOT NULL DEFAULT '[]',
        pair_count integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX similarity_reports_mp_created ON similarity_reports (mp_id, created_at)`);
    await q.query(`
      CREATE TABLE similarity_pairs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES similarity_reports (id) ON DELETE CASCADE,
        "left" integer NOT NULL,
        "right" integer NOT NULL,
        similarity double precision NOT NULL,
        longest integer NOT NULL,
        overlap integer NOT NULL,
        fragments jsonb NOT NULL DEFAULT '[]'
      )`);
    await q.query(`CREATE INDEX similarity_pairs_report_similarity ON similarity_pairs (report_id, similarity)`);
    await q.query(`
      CREATE TABLE archived_programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mp_id varchar(64) NOT NULL,
        term varchar(64) NOT NULL,
        author varchar(128) NOT NULL,
        program text NOT NULL,
        imported_by uuid REFERENCES users (id) ON DELETE SET NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX archived_programs_mp_term_author ON archived_programs (mp_id, term, author)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE archived_programs`);
    await q.query(`DROP TABLE similarity_pairs`);
    await q.query(`DROP TABLE similarity_reports`);
  }
}
