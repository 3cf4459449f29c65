import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { DeadLetterDesk } from './dead-letter-desk';
import { deadLettersPage } from './staff-runs-pages';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** The staff's page of undelivered verdicts, beside the JSON routes of {@link DeadLetterDesk}. */
@ApiExcludeController() // a page
@Controller('admin')
export class DeadLettersPageController {
  constructor(private readonly deadLetters: DeadLetterDesk) {}

  @Get('dead-letters')
  @SessionAuth('staff', 'admin')
  async page(@CurrentUser() user: RequestUser, @Res() res: FastifyReply): Promise<void> {
    sendHtml(res, deadLettersPage(await this.deadLetters.list(), user));
  }
}
