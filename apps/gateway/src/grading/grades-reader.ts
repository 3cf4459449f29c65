import { Injectable } from '@nestjs/common';
import { CatalogueService, Grade, GradesRepository, GradingMode } from '@wb/common';

/**
 * The grades the grader writes, as the student's pages read them (grading itself lives in the
 * grader). A user's grade for a lab is the one that counts under the lab's `grading` (best
 * unless the lab says last); all of them are its history.
 */
@Injectable()
export class GradesReader {
  constructor(
    private readonly grades: GradesRepository,
    private readonly catalogue: CatalogueService,
  ) {}

  /** The counting grade of each lab the user has one for. */
  countingPerLab(userId: string): Promise<Grade[]> {
    return this.grades.countingPerLab(userId, (mpId) => this.modeOf(mpId));
  }

  /** The user's counting grade for one lab, or null. */
  counting(userId: string, mpId: string): Promise<Grade | null> {
    return this.grades.counting(userId, mpId, this.modeOf(mpId));
  }

  /** Newest first; empty when the lab has not been graded for this user. */
  history(userId: string, mpId: string): Promise<Grade[]> {
    return this.grades.history(userId, mpId, 50);
  }

  /** The grade of one of the user's attempts, or null (not a grade attempt, not graded yet, or not theirs). */
  async ofAttempt(userId: string, attemptId: string): Promise<Grade | null> {
    const grade = await this.grades.ofAttempt(attemptId);
    return grade?.userId === userId ? grade : null;
  }

  private modeOf(mpId: string): GradingMode {
    return this.catalogue.find(mpId)?.config.grading ?? 'best';
  }
}
