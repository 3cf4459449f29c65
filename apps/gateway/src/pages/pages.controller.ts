import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { User } from '@wb/common';
import type { Response } from 'express';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { errorPage } from '../http/error-page';
import { LabsService } from '../labs/labs.service';
import { labsPage } from './lab-pages';

/** The plain server-rendered pages (the full web UI is a later issue). */
@Controller()
export class PagesController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  @SessionAuth()
  home(@CurrentUser() user: User, @Res() res: Response): void {
    res.type('html').send(labsPage(this.labs.all(), user));
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
