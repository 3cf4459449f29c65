import { Controller, Get, Res } from '@nestjs/common';
import { User, WorkerRecord } from '@wb/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { logPage, workersPage } from './staff-pages';

/**
 * Pages for staff beside the JSON routes of API.md (`GET /workers`, `GET /log`), which answer
 * JSON whatever the client accepts; read-only.
 */
@Controller('admin')
export class StaffPagesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('workers')
  @SessionAuth('staff', 'admin')
  async workers(@CurrentUser() user: User, @Res() res: Response): Promise<void> {
    const workers = await this.dataSource.getRepository(WorkerRecord).find({ order: { name: 'ASC' } });
    res.type('html').send(workersPage(workers, user));
  }

  @Get('log')
  @SessionAuth('admin')
  log(@CurrentUser() user: User, @Res() res: Response): void {
    res.type('html').send(logPage(user));
  }
}
