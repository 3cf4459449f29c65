import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { ArchivedProgram } from '../db/entities/archived-program.entity';

export interface ArchivedTerm {
  term: string;
  programs: number;
  importedAt: Date;
}

/** The one writer of `archived_programs`: earlier terms' programs that similarity reports compare against. */
@Injectable()
export class ArchivedPrograms {
  private readonly programs: Repository<ArchivedProgram>;

  constructor(private readonly dataSource: DataSource) {
    this.programs = dataSource.getRepository(ArchivedProgram);
  }

  /**
   * Adds a term's programs to a lab; an author already imported for that term is replaced (an
   * import run again with corrected files). Returns how many were new and how many replaced.
   */
  async import(
    mpId: string,
    term: string,
    programs: { author: string; program: string }[],
    importedBy: string,
  ): Promise<{ added: number; replaced: number }> {
    return this.dataSource.transaction(async (tx) => {
      let replaced = 0;
      for (let i = 0; i < programs.length; i += 200) {
        const chunk = programs.slice(i, i + 200);
        const rows: { existed: boolean }[] = await tx.query(
          `INSERT INTO archived_programs (mp_id, term, author, program, imported_by)
             SELECT $1, $2, author, program, $3 FROM unnest($4::text[], $5::text[]) AS p (author, program)
           ON CONFLICT (mp_id, term, author) DO UPDATE SET program = EXCLUDED.program, imported_by = EXCLUDED.imported_by, imported_at = now()
           RETURNING (xmax <> 0) AS existed`,
          [mpId, term, importedBy, chunk.map((p) => p.author), chunk.map((p) => p.program)],
        );
        replaced += rows.filter((r) => r.existed).length;
      }
      return { added: programs.length - replaced, replaced };
    });
  }

  /** Each imported term of a lab with its number of programs, the most recently imported first. */
  async terms(mpId: string): Promise<ArchivedTerm[]> {
    const rows: { term: string; programs: string; imported_at: Date }[] = await this.dataSource.query(
      `SELECT term, count(*) AS programs, max(imported_at) AS imported_at FROM archived_programs WHERE mp_id = $1
        GROUP BY term ORDER BY max(imported_at) DESC, term`,
      [mpId],
    );
    return rows.map((r) => ({ term: r.term, programs: Number(r.programs), importedAt: r.imported_at }));
  }

  /** How many programs each lab has from earlier terms. */
  async countByLab(): Promise<Map<string, number>> {
    const rows: { mp_id: string; programs: string }[] = await this.dataSource.query(
      `SELECT mp_id, count(*) AS programs FROM archived_programs GROUP BY mp_id`,
    );
    return new Map(rows.map((r) => [r.mp_id, Number(r.programs)]));
  }

  forLab(mpId: string): Promise<ArchivedProgram[]> {
    return this.programs.find({ where: { mpId }, order: { term: 'ASC', author: 'ASC' } });
  }

  findById(id: string): Promise<ArchivedProgram | null> {
    return this.programs.findOneBy({ id });
  }

  /** How many programs went. */
  async removeTerm(mpId: string, term: string): Promise<number> {
    return (await this.programs.delete({ mpId, term })).affected ?? 0;
  }
}
