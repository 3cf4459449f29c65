import { Controller, Get, Res } from '@nestjs/common';
import { RecentLogLogger } from '@wb/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { logPage } from './log-page';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** The admin's page of this gateway's recent log lines (`GET /log` answers them as JSON). */
@ApiExcludeController() // a page
@Controller('admin')
export class LogPageController {
  constructor(private readonly log: RecentLogLogger) {}

  @Get('log')
  @SessionAuth('admin')
  page(@CurrentUser() user: RequestUser, @Res() res: FastifyReply): void {
    sendHtml(res, logPage(this.log.recent(), user));
  }
}
