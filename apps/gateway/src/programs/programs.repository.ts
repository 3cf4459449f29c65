import { Injectable } from '@nestjs/common';
import { GroupCommit, Program } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

export interface SavedProgram {
  revision: number;
  savedAt: Date;
}

interface ProgramSave {
  userId: string;
  mpId: string;
  text: string;
  expectedRevision: number | null;
}

/** A program's row: one per user and lab. */
function rowKey(userId: string, mpId: string): string {
  return `${userId}/${mpId}`;
}

/**
 * The `programs` table: the only class that writes it, and the one that reads it. One row per
 * user and lab, whose revision grows by one on every save. Saves are group-committed: a class
 * autosaving at once costs Postgres one statement per batch of saves, not per save.
 */
@Injectable()
export class ProgramsRepository {
  private readonly programs: Repository<Program>;
  private readonly saves: GroupCommit<ProgramSave, SavedProgram | null>;

  constructor(dataSource: DataSource) {
    this.programs = dataSource.getRepository(Program);
    this.saves = new GroupCommit(
      (batch) => this.saveBatch(batch),
      (save) => rowKey(save.userId, save.mpId),
      {
        maxBatch: 64,
        maxInFlight: 2,
      },
    );
  }

  find(userId: string, mpId: string): Promise<Program | null> {
    return this.programs.findOneBy({ userId, mpId });
  }

  /**
   * Saves atomically: a save that names a revision only lands when that revision is still the
   * latest. Null when it was not: nothing changed.
   */
  save(userId: string, mpId: string, text: string, expectedRevision?: number): Promise<SavedProgram | null> {
    return this.saves.write({ userId, mpId, text, expectedRevision: expectedRevision ?? null });
  }

  /** Saves of distinct rows in one insert-or-update; a row that was not updated is a stale save. */
  private async saveBatch(batch: ProgramSave[]): Promise<(SavedProgram | null)[]> {
    const rows: { user_id: string; mp_id: string; revision: number; saved_at: Date }[] = await this.programs.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::integer[]) AS i (user_id, mp_id, text, expected)
       )
       INSERT INTO programs AS p (user_id, mp_id, text, revision, saved_at)
       SELECT user_id, mp_id, text, 1, now() FROM input
       ON CONFLICT (user_id, mp_id) DO UPDATE
         SET text = EXCLUDED.text, revision = p.revision + 1, saved_at = now()
         WHERE (SELECT i.expected IS NULL OR i.expected = p.revision FROM input i WHERE i.user_id = p.user_id AND i.mp_id = p.mp_id)
       RETURNING p.user_id, p.mp_id, p.revision, p.saved_at`,
      [batch.map((s) => s.userId), batch.map((s) => s.mpId), batch.map((s) => s.text), batch.map((s) => s.expectedRevision)],
    );
    const saved = new Map(rows.map((row) => [rowKey(row.user_id, row.mp_id), { revision: row.revision, savedAt: row.saved_at }]));
    return batch.map((s) => saved.get(rowKey(s.userId, s.mpId)) ?? null);
  }
}
