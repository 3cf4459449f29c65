import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'pg';

export interface GradedProgram {
  username: string;
  mpId: string;
  program: string;
  score?: number;
  gradedAt?: Date;
  /** Create the student first (a row only, no password: signing many up would time scrypt). */
  newUser?: boolean;
}

/**
 * A graded grade attempt of a student's program, written as the grader would have stored it:
 * for tests of what reads counting grades (the similarity report), where running the program
 * through a worker is beside the point. Returns the attempt's id.
 */
export async function seedGradedProgram(db: Client, g: GradedProgram): Promise<string> {
  if (g.newUser) {
    await db.query(`INSERT INTO users (username, api_key_hash, api_key_sealed) VALUES ($1, $2, 'none') ON CONFLICT (username) DO NOTHING`, [
      g.username,
      randomBytes(32).toString('hex'),
    ]);
  }
  const { rows } = await db.query(
    `WITH u AS (SELECT id FROM users WHERE username = $1),
          a AS (INSERT INTO attempts (user_id, mp_id, kind, dataset, program, program_sha256, status, passed, finished_at)
                SELECT id, $2, 'grade', -1, $3, $4, 'passed', true, $6 FROM u RETURNING id, user_id)
     INSERT INTO grades (user_id, mp_id, attempt_id, score, max_score, graded_at)
       SELECT user_id, $2, id, $5, 100, $6 FROM a RETURNING attempt_id`,
    [g.username, g.mpId, g.program, createHash('sha256').update(g.program).digest('hex'), g.score ?? 90, g.gradedAt ?? new Date()],
  );
  if (!rows[0]) throw new Error(`no user "${g.username}" to grade`);
  return rows[0].attempt_id as string;
}
