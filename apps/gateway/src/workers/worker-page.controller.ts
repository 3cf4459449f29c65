import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { workerPage } from './worker-page';
import { WorkersService } from './workers.service';
import type { RequestUser } from '../auth/authenticated-request';

/** The staff page of one worker: the HTML face of `GET /worker/:id`. */
@ApiExcludeController() // a page
@Controller('admin/workers')
export class WorkerPageController {
  constructor(private readonly workers: WorkersService) {}

  @Get(':id')
  @SessionAuth('staff', 'admin')
  async worker(@Param('id') id: string, @CurrentUser() user: RequestUser, @Res() res: Response): Promise<void> {
    res.type('html').send(workerPage(await this.workers.detail(id), user));
  }
}
