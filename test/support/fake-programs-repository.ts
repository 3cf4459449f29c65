import { Program } from '@wb/common';
import { randomUUID } from 'node:crypto';
import type { ProgramsRepository, SavedProgram } from '../../apps/gateway/src/programs/programs.repository';
import type { PublicOf } from './public-of';

/**
 * The programs table in memory, for {@link ProgramsRepository}'s callers' unit tests: one row per
 * user and lab, and a save naming a revision that is no longer the latest changes nothing.
 */
export class FakeProgramsRepository implements PublicOf<ProgramsRepository> {
  readonly rows = new Map<string, Program>();

  get repository(): ProgramsRepository {
    return this as unknown as ProgramsRepository;
  }

  async find(userId: string, mpId: string): Promise<Program | null> {
    const program = this.rows.get(key(userId, mpId));
    return program ? { ...program } : null;
  }

  async save(userId: string, mpId: string, text: string, expectedRevision?: number): Promise<SavedProgram | null> {
    const current = this.rows.get(key(userId, mpId));
    // As the upsert: a new row always lands (revision 1); an existing one only on the named revision.
    if (current && expectedRevision !== undefined && current.revision !== expectedRevision) return null;
    const program: Program = {
      id: current?.id ?? randomUUID(),
      userId,
      mpId,
      text,
      revision: (current?.revision ?? 0) + 1,
      savedAt: new Date(),
    };
    this.rows.set(key(userId, mpId), program);
    return { revision: program.revision, savedAt: program.savedAt };
  }
}

function key(userId: string, mpId: string): string {
  return `${userId}/${mpId}`;
}
