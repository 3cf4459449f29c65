import { visibleGrade } from '../grading/grade-visibility';
import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig, User } from '@wb/common';
import type { Request, Response } from 'express';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from '../auth/auth.decorators';
import { errorPage } from '../http/error-page';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { gradeDetail, gradePage, gradesPage } from './grade-pages';
import { GradesReader } from './grades-reader';
import { labsPage } from './lab-pages';

/** The pages that are not one feature's: the labs list, grades, and the error pages. */
@Controller()
export class PagesController {
  constructor(
    private readonly labs: LabsService,
    private readonly attempts: AttemptsService,
    private readonly grades: GradesReader,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @SessionAuth()
  async home(@CurrentUser() user: User, @Res() res: Response): Promise<void> {
    const [standings, grades] = await Promise.all([this.attempts.standings(user.id), this.grades.countingPerLab(user.id)]);
    res.type('html').send(labsPage(this.labs.all(), standings, grades, user));
  }

  @Get('grades')
  @SessionAuth()
  async gradeList(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const counting = await this.grades.countingPerLab(user.id);
    const titled = counting.map((grade) => ({
      grade,
      title: this.labs.all().find((m) => m.config.id === grade.mpId)?.config.title ?? grade.mpId,
    }));
    if (wantsHtml(req)) return void res.type('html').send(gradesPage(titled, user));
    res.json(
      titled.map(({ grade, title }) => ({
        mpId: grade.mpId,
        title,
        score: grade.score,
        maxScore: grade.maxScore,
        gradedAt: grade.gradedAt,
        passback: grade.passbackState,
      })),
    );
  }

  /** Also with the API key: the local client (`wb grade`) reads the grade it asked for. */
  @Get('grade/:mp_id')
  @SessionOrKeyAuth()
  async grade(@Param('mp_id') mpId: string, @CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const mp = this.labs.require(mpId);
    const [counting, history] = await Promise.all([this.grades.counting(user.id, mpId), this.grades.history(user.id, mpId)]);
    if (!counting) throw new ApiError(HttpStatus.NOT_FOUND, `no grade yet for "${mp.config.title}"`);
    const current = visibleGrade(counting, mp, user);
    if (wantsHtml(req)) return void res.type('html').send(gradePage(mp, current, history, user, this.config.PASSBACK_MODE !== 'none'));
    res.json(gradeDetail(current, history));
  }

  @Get('404')
  notFound(@Res() res: Response): void {
    res.status(HttpStatus.NOT_FOUND).type('html').send(errorPage(404, 'There is nothing here.'));
  }

  @Get('500')
  serverError(@Res() res: Response): void {
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).type('html').send(errorPage(500, 'The server could not finish this request.'));
  }
}
