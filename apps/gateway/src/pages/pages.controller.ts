import { Controller, Get, HttpStatus, Param, Res } from '@nestjs/common';
import { User } from '@wb/common';
import type { Response } from 'express';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { errorPage } from '../http/error-page';
import { LabsService } from '../labs/labs.service';
import { ProgramsService } from '../programs/programs.service';
import { labPage, labsPage } from './lab-pages';

/** The plain server-rendered pages (the full web UI is a later issue). */
@Controller()
export class PagesController {
  constructor(
    private readonly labs: LabsService,
    private readonly programs: ProgramsService,
    private readonly attempts: AttemptsService,
  ) {}

  @Get()
  @SessionAuth()
  home(@CurrentUser() user: User, @Res() res: Response): void {
    res.type('html').send(labsPage(this.labs.all(), user));
  }

  @Get('mp/:mp_id')
  @SessionAuth()
  async lab(@Param('mp_id') mpId: string, @CurrentUser() user: User, @Res() res: Response): Promise<void> {
    const mp = this.labs.require(mpId);
    const [saved, attempts] = await Promise.all([this.programs.find(user.id, mpId), this.attempts.list(user.id, mpId, 20)]);
    res.type('html').send(labPage(mp, saved?.text ?? mp.template, attempts, user));
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
