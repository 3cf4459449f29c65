import { Injectable } from '@nestjs/common';
import { AttemptsRepository } from '../attempts/attempts.repository';
import type { Mp } from '../catalogue/mp-loader';
import type { Grade } from '../db/entities/grade.entity';
import { UsersRepository } from '../users/users.repository';
import { GradesRepository } from './grades.repository';

export interface CountingProgram {
  userId: string;
  username: string;
  attemptId: string;
  program: string;
}

/** Each student's counting grade of a lab, and the program behind it: what staff export, regrade and compare. */
@Injectable()
export class CountingGrades {
  constructor(
    private readonly users: UsersRepository,
    private readonly attempts: AttemptsRepository,
    private readonly grades: GradesRepository,
  ) {}

  /** Each student's counting grade for the lab (best unless `grading: last`). */
  forLab(mp: Mp): Promise<Grade[]> {
    return this.grades.countingForLab(mp.config.id, mp.config.grading);
  }

  /** The program of each student's counting grade, with the student's name; ordered by name. */
  async programs(mp: Mp): Promise<CountingProgram[]> {
    const grades = await this.forLab(mp);
    if (!grades.length) return [];
    const attempts = await this.attempts.programsOf(grades.map((g) => g.attemptId));
    const users = new Map((await this.users.findByIds(attempts.map((a) => a.userId))).map((u) => [u.id, u.username]));
    return attempts
      .flatMap((a) => {
        const username = users.get(a.userId);
        return username === undefined ? [] : [{ userId: a.userId, username, attemptId: a.id, program: a.program }];
      })
      .sort((a, b) => a.username.localeCompare(b.username));
  }
}
