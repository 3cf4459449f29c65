import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, Attempt, Grade, Mp, PassbackQueue } from '@wb/common';
import { GradesReader } from './grades-reader';
import { ProgramsService } from '../programs/programs.service';
import { SubmissionsService } from '../submissions/submissions.service';
import type { RequestUser } from '../auth/authenticated-request';

@Injectable()
export class GradingService {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly programs: ProgramsService,
    private readonly reader: GradesReader,
    private readonly passback: PassbackQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * A grade attempt goes through the same limiter and run queue as a submission (a grade costs
   * a worker the same), on every dataset with the hidden ones; the grader scores it when the
   * worker's final report arrives.
   */
  async start(user: RequestUser, mp: Mp, program: string | undefined): Promise<Attempt> {
    if (program !== undefined) return this.submissions.submit(user, mp, program, -1, { kind: 'grade' });
    const saved = await this.programs.find(user.id, mp.config.id);
    if (!saved) {
      throw new ApiError(HttpStatus.BAD_REQUEST, `nothing is saved for "${mp.config.id}" yet: save your program or send it as "program"`);
    }
    return this.submissions.submit(user, mp, saved.text, -1, { kind: 'grade', save: false });
  }

  /** Queues the counting grade for the course platform and marks it queued for the grade page. */
  async requestPassback(user: RequestUser, mp: Mp): Promise<Grade> {
    if (this.config.PASSBACK_MODE === 'none') {
      throw new ApiError(HttpStatus.CONFLICT, 'this course does not send grades to a course platform (PASSBACK_MODE is none)');
    }
    const grade = await this.reader.counting(user.id, mp.config.id);
    if (!grade) throw new ApiError(HttpStatus.NOT_FOUND, `no grade yet for "${mp.config.title}"`);
    await this.passback.enqueue(grade.id);
    return grade;
  }
}
