import { Injectable } from '@nestjs/common';
import { Grade } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

/**
 * Read-only access to the grades the grader writes (grading itself lives in the grader). A
 * user's grade for a lab is their latest one; the older ones are its history.
 */
@Injectable()
export class GradesReader {
  private readonly grades: Repository<Grade>;

  constructor(dataSource: DataSource) {
    this.grades = dataSource.getRepository(Grade);
  }

  /** The latest grade of each lab the user has one for. */
  async latestPerLab(userId: string): Promise<Grade[]> {
    const all = await this.grades.find({ where: { userId }, order: { gradedAt: 'DESC' } });
    const seen = new Set<string>();
    return all.filter((g) => !seen.has(g.mpId) && seen.add(g.mpId));
  }

  /** Newest first; empty when the lab has not been graded for this user. */
  history(userId: string, mpId: string): Promise<Grade[]> {
    return this.grades.find({ where: { userId, mpId }, order: { gradedAt: 'DESC' }, take: 50 });
  }
}
