import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { GradesReader } from '../grading/grades-reader';
import { labsPage } from './lab-pages';
import { LabsService } from './labs.service';
import type { RequestUser } from '../auth/authenticated-request';

/** The home page: every lab, with the user's standing and counting grade on each. */
@Controller()
export class LabsPageController {
  constructor(
    private readonly labs: LabsService,
    private readonly attempts: AttemptsService,
    private readonly grades: GradesReader,
  ) {}

  @Get()
  @SessionAuth()
  async home(@CurrentUser() user: RequestUser, @Res() res: Response): Promise<void> {
    const [standings, grades] = await Promise.all([this.attempts.standings(user.id), this.grades.countingPerLab(user.id)]);
    res.type('html').send(labsPage(this.labs.all(), standings, grades, user));
  }
}
