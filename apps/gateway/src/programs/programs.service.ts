import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, Mp, Program } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

export interface SavedProgram {
  revision: number;
  savedAt: Date;
}

@Injectable()
export class ProgramsService {
  private readonly programs: Repository<Program>;

  constructor(private readonly dataSource: DataSource) {
    this.programs = dataSource.getRepository(Program);
  }

  find(userId: string, mpId: string): Promise<Program | null> {
    return this.programs.findOneBy({ userId, mpId });
  }

  /**
   * Saves in one statement: the insert-or-update is atomic, and a save that names a revision
   * only lands when that revision is still the latest (otherwise 409 with the current one).
   */
  async save(userId: string, mp: Mp, text: string, expectedRevision?: number): Promise<SavedProgram> {
    assertSize(mp, text);
    const rows: { revision: number; saved_at: Date }[] = await this.dataSource.query(
      `INSERT INTO programs (user_id, mp_id, text, revision, saved_at)
       VALUES ($1, $2, $3, 1, now())
       ON CONFLICT (user_id, mp_id) DO UPDATE
         SET text = EXCLUDED.text, revision = programs.revision + 1, saved_at = now()
         WHERE $4::integer IS NULL OR programs.revision = $4::integer
       RETURNING revision, saved_at`,
      [userId, mp.config.id, text, expectedRevision ?? null],
    );
    if (rows.length === 0) {
      const current = await this.find(userId, mp.config.id);
      throw new ApiError(HttpStatus.CONFLICT, `the program was saved elsewhere since revision ${expectedRevision}; reload it first`, {
        revision: current?.revision ?? 0,
      });
    }
    return { revision: rows[0].revision, savedAt: rows[0].saved_at };
  }
}

export function assertSize(mp: Mp, text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > mp.config.limits.program_bytes) {
    throw new ApiError(
      HttpStatus.PAYLOAD_TOO_LARGE,
      `the program is ${bytes} bytes; this lab allows at most ${mp.config.limits.program_bytes}`,
    );
  }
}
