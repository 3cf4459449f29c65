import { Controller, Get, Res } from '@nestjs/common';
import { Incident, RecentLogLogger, User, WorkerRecord } from '@wb/common';
import type { Response } from 'express';
import { DataSource, IsNull } from 'typeorm';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { DeadLetterDesk } from '../run-control/dead-letter-desk';
import { UnfinishedRuns } from '../run-control/unfinished-runs';
import { logPage, workersPage } from './staff-pages';
import { deadLettersPage, unfinishedRunsSection } from './staff-runs-pages';

/**
 * Pages for staff beside the JSON routes (`GET /workers`, `GET /log`), which answer
 * JSON whatever the client accepts; read-only.
 */
@Controller('admin')
export class StaffPagesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recentLog: RecentLogLogger,
    private readonly runs: UnfinishedRuns,
    private readonly deadLetters: DeadLetterDesk,
  ) {}

  @Get('workers')
  @SessionAuth('staff', 'admin')
  async workers(@CurrentUser() user: User, @Res() res: Response): Promise<void> {
    const [workers, open, runs, letters] = await Promise.all([
      this.dataSource.getRepository(WorkerRecord).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(Incident).find({ where: { closedAt: IsNull() }, order: { openedAt: 'ASC' } }),
      this.runs.list(),
      this.deadLetters.count(),
    ]);
    const openOf = (id: string) => open.find((i) => i.kind === 'worker_down' && i.workerId === id) ?? null;
    res.type('html').send(
      workersPage(
        workers.map((w) => ({ ...w, openIncident: openOf(w.id) })),
        open,
        unfinishedRunsSection(runs, letters),
        user,
      ),
    );
  }

  @Get('dead-letters')
  @SessionAuth('staff', 'admin')
  async deadLetterList(@CurrentUser() user: User, @Res() res: Response): Promise<void> {
    res.type('html').send(deadLettersPage(await this.deadLetters.list(), user));
  }

  @Get('log')
  @SessionAuth('admin')
  log(@CurrentUser() user: User, @Res() res: Response): void {
    res.type('html').send(logPage(this.recentLog.recent(), user));
  }
}
