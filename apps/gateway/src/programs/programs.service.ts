import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, METRICS, Mp, Program, timed } from '@wb/common';
import { ProgramsRepository, SavedProgram } from './programs.repository';

@Injectable()
export class ProgramsService {
  constructor(private readonly programs: ProgramsRepository) {}

  find(userId: string, mpId: string): Promise<Program | null> {
    return this.programs.find(userId, mpId);
  }

  /** A save that names a revision only lands when that revision is still the latest (otherwise 409 with the current one). */
  async save(userId: string, mp: Mp, text: string, expectedRevision?: number): Promise<SavedProgram> {
    assertStorableProgram(mp, text);
    const saved = await timed(METRICS.programSaveSeconds, () => this.programs.save(userId, mp.config.id, text, expectedRevision));
    if (!saved) {
      const current = await this.find(userId, mp.config.id);
      throw new ApiError(HttpStatus.CONFLICT, `the program was saved elsewhere since revision ${expectedRevision}; reload it first`, {
        revision: current?.revision ?? 0,
      });
    }
    return saved;
  }
}

/** A program the `programs` table can hold: within the lab's size limit, and without NUL, which Postgres text refuses. */
export function assertStorableProgram(mp: Mp, text: string): void {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      `the program contains a NUL character (\\0) at character ${nul}; source files cannot hold one: remove it`,
    );
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > mp.config.limits.program_bytes) {
    throw new ApiError(
      HttpStatus.PAYLOAD_TOO_LARGE,
      `the program is ${bytes} bytes; this lab allows at most ${mp.config.limits.program_bytes}`,
    );
  }
}
