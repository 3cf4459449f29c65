import { Injectable } from '@nestjs/common';
import { CatalogueService, countingGrade, Grade } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

/**
 * Read-only access to the grades the grader writes (grading itself lives in the grader). A
 * user's grade for a lab is the one that counts under the lab's `grading` (best unless the lab
 * says last); all of them are its history.
 */
@Injectable()
export class GradesReader {
  private readonly grades: Repository<Grade>;

  constructor(
    dataSource: DataSource,
    private readonly catalogue: CatalogueService,
  ) {
    this.grades = dataSource.getRepository(Grade);
  }

  /** The counting grade of each lab the user has one for. */
  async countingPerLab(userId: string): Promise<Grade[]> {
    const all = await this.grades.find({ where: { userId }, order: { gradedAt: 'DESC' } });
    const byLab = new Map<string, Grade[]>();
    for (const g of all) byLab.set(g.mpId, [...(byLab.get(g.mpId) ?? []), g]);
    return [...byLab].flatMap(([mpId, grades]) => countingGrade(grades, this.modeOf(mpId)) ?? []);
  }

  /** The user's counting grade for one lab, or null. */
  async counting(userId: string, mpId: string): Promise<Grade | null> {
    const order = this.modeOf(mpId) === 'last' ? { gradedAt: 'DESC' as const } : { score: 'DESC' as const, gradedAt: 'ASC' as const };
    return this.grades.findOne({ where: { userId, mpId }, order });
  }

  /** Newest first; empty when the lab has not been graded for this user. */
  history(userId: string, mpId: string): Promise<Grade[]> {
    return this.grades.find({ where: { userId, mpId }, order: { gradedAt: 'DESC' }, take: 50 });
  }

  private modeOf(mpId: string) {
    return this.catalogue.find(mpId)?.config.grading ?? 'best';
  }
}
