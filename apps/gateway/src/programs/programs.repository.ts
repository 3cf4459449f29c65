import { Injectable } from '@nestjs/common';
import { Program } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

export interface SavedProgram {
  revision: number;
  savedAt: Date;
}

/**
 * The `programs` table: the only class that writes it, and the one that reads it. One row per
 * user and lab, whose revision grows by one on every save.
 */
@Injectable()
export class ProgramsRepository {
  private readonly programs: Repository<Program>;

  constructor(dataSource: DataSource) {
    this.programs = dataSource.getRepository(Program);
  }

  find(userId: string, mpId: string): Promise<Program | null> {
    return this.programs.findOneBy({ userId, mpId });
  }

  /**
   * Saves in one statement: the insert-or-update is atomic, and a save that names a revision
   * only lands when that revision is still the latest. Null when it was not: nothing changed.
   */
  async save(userId: string, mpId: string, text: string, expectedRevision?: number): Promise<SavedProgram | null> {
    const rows: { revision: number; saved_at: Date }[] = await this.programs.query(
      `INSERT INTO programs (user_id, mp_id, text, revision, saved_at)
       VALUES ($1, $2, $3, 1, now())
       ON CONFLICT (user_id, mp_id) DO UPDATE
         SET text = EXCLUDED.text, revision = programs.revision + 1, saved_at = now()
         WHERE $4::integer IS NULL OR programs.revision = $4::integer
       RETURNING revision, saved_at`,
      [userId, mpId, text, expectedRevision ?? null],
    );
    return rows.length ? { revision: rows[0].revision, savedAt: rows[0].saved_at } : null;
  }
}
