import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AttemptsRepository } from '../attempts/attempts.repository';
import type { Mp } from '../catalogue/mp-loader';
import { Grade } from '../db/entities/grade.entity';
import { User } from '../db/entities/user.entity';
import { countingGrade } from './counting-grade';

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
    private readonly dataSource: DataSource,
    private readonly attempts: AttemptsRepository,
  ) {}

  /** Each student's counting grade for the lab (best unless `grading: last`). */
  async forLab(mp: Mp): Promise<Grade[]> {
    const all = await this.dataSource.getRepository(Grade).find({ where: { mpId: mp.config.id }, order: { gradedAt: 'ASC' } });
    const byUser = new Map<string, Grade[]>();
    for (const g of all) byUser.set(g.userId, [...(byUser.get(g.userId) ?? []), g]);
    return [...byUser.values()].flatMap((gs) => countingGrade(gs, mp.config.grading) ?? []);
  }

  /** The program of each student's counting grade, with the student's name; ordered by name. */
  async programs(mp: Mp): Promise<CountingProgram[]> {
    const grades = await this.forLab(mp);
    if (!grades.length) return [];
    const attempts = await this.attempts.programsOf(grades.map((g) => g.attemptId));
    const users = new Map(
      (
        await this.dataSource
          .getRepository(User)
          .find({ where: { id: In(attempts.map((a) => a.userId)) }, select: { id: true, username: true } })
      ).map((u) => [u.id, u.username]),
    );
    return attempts
      .flatMap((a) => {
        const username = users.get(a.userId);
        return username === undefined ? [] : [{ userId: a.userId, username, attemptId: a.id, program: a.program }];
      })
      .sort((a, b) => a.username.localeCompare(b.username));
  }
}
