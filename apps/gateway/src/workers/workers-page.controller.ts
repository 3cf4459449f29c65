import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { DeadLetterDesk } from '../run-control/dead-letter-desk';
import { unfinishedRunsSection } from '../run-control/staff-runs-pages';
import { UnfinishedRuns } from '../run-control/unfinished-runs';
import { WorkerHealthReader } from './worker-health.reader';
import { workersPage } from './workers-page';
import { WorkersService } from './workers.service';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** The staff's workers page beside `GET /workers` (JSON whatever the client accepts): the fleet, runs without a verdict, open incidents. */
@ApiExcludeController() // a page
@Controller('admin')
export class WorkersPageController {
  constructor(
    private readonly workers: WorkersService,
    private readonly health: WorkerHealthReader,
    private readonly runs: UnfinishedRuns,
    private readonly deadLetters: DeadLetterDesk,
  ) {}

  @Get('workers')
  @SessionAuth('staff', 'admin')
  async page(@CurrentUser() user: RequestUser, @Res() res: FastifyReply): Promise<void> {
    const [workers, open, runs, letters] = await Promise.all([
      this.workers.list(),
      this.health.openIncidents(),
      this.runs.list(),
      this.deadLetters.count(),
    ]);
    sendHtml(res, workersPage(workers, open, unfinishedRunsSection(runs, letters), user));
  }
}
