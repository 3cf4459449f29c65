import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiError, User } from '@wb/common';
import type { Request, Response } from 'express';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
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
  ) {}

  @Get()
  @SessionAuth()
  async home(@CurrentUser() user: User, @Res() res: Response): Promise<void> {
    const [standings, grades] = await Promise.all([this.attempts.standings(user.id), this.grades.latestPerLab(user.id)]);
    res.type('html').send(labsPage(this.labs.all(), standings, grades, user));
  }

  @Get('grades')
  @SessionAuth()
  async gradeList(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const latest = await this.grades.latestPerLab(user.id);
    const titled = latest.map((grade) => ({
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

  @Get('grade/:mp_id')
  @SessionAuth()
  async grade(@Param('mp_id') mpId: string, @CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const mp = this.labs.require(mpId);
    const [latest, ...older] = await this.grades.history(user.id, mpId);
    if (!latest) throw new ApiError(HttpStatus.NOT_FOUND, `no grade yet for "${mp.config.title}"`);
    if (wantsHtml(req)) return void res.type('html').send(gradePage(mp, latest, [latest, ...older], user));
    res.json(gradeDetail(latest, [latest, ...older]));
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
