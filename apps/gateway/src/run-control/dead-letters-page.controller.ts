import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { DeadLetterDesk } from './dead-letter-desk';
import { deadLettersPage } from './staff-runs-pages';
import type { RequestUser } from '../auth/authenticated-request';

/** The staff's page of undelivered verdicts, beside the JSON routes of {@link DeadLetterDesk}. */
@ApiExcludeController() // a page
@Controller('admin')
export class DeadLettersPageController {
  constructor(private readonly deadLetters: DeadLetterDesk) {}

  @Get('dead-letters')
  @SessionAuth('staff', 'admin')
  async page(@CurrentUser() user: RequestUser, @Res() res: Response): Promise<void> {
    res.type('html').send(deadLettersPage(await this.deadLetters.list(), user));
  }
}
