import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { workerPage } from './worker-page';
import { WorkersService } from './workers.service';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** The staff page of one worker: the HTML face of `GET /worker/:id`. */
@ApiExcludeController() // a page
@Controller('admin/workers')
export class WorkerPageController {
  constructor(private readonly workers: WorkersService) {}

  @Get(':id')
  @SessionAuth('staff', 'admin')
  async worker(@Param('id') id: string, @CurrentUser() user: RequestUser, @Res() res: FastifyReply): Promise<void> {
    sendHtml(res, workerPage(await this.workers.detail(id), user));
  }
}
