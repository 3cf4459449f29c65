import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { DeadLetterDesk } from './dead-letter-desk';
import { CancelAttemptDto } from './dto/cancel-attempt.dto';
import { RunCancellation } from './run-cancellation';
import { UnfinishedRuns } from './unfinished-runs';
import type { RequestUser } from '../auth/authenticated-request';

/**
 * What the staff do about runs that are stuck or whose verdict was lost. The forms on the
 * workers and dead-letters pages post here and are sent back to their page.
 */
@Controller('staff')
@SessionAuth('staff', 'admin')
export class RunControlController {
  constructor(
    private readonly runs: UnfinishedRuns,
    private readonly cancellation: RunCancellation,
    private readonly deadLetters: DeadLetterDesk,
  ) {}

  /** Every attempt without a verdict, oldest first: queued, compiling or running, with its student and worker. */
  @Get('runs')
  unfinished() {
    return this.runs.list();
  }

  @Post('attempts/:attempt_id/cancel')
  @HttpCode(HttpStatus.OK)
  async cancel(
    @Param('attempt_id') attemptId: string,
    @Body() dto: CancelAttemptDto,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.cancellation.cancel(attemptId, user, dto.reason);
    if (wantsHtml(req)) return res.redirect(HttpStatus.SEE_OTHER, '/admin/workers');
    res.json(outcome);
  }

  @Get('dead-letters')
  list() {
    return this.deadLetters.list();
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(HttpStatus.OK)
  async replay(@Param('id') id: string, @CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const outcome = await this.deadLetters.replay(id, user);
    if (wantsHtml(req)) return res.redirect(HttpStatus.SEE_OTHER, '/admin/dead-letters');
    res.json(outcome);
  }

  @Post('dead-letters/:id/discard')
  @HttpCode(HttpStatus.NO_CONTENT)
  async discard(@Param('id') id: string, @CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.deadLetters.discard(id, user);
    if (wantsHtml(req)) return res.redirect(HttpStatus.SEE_OTHER, '/admin/dead-letters');
    res.status(HttpStatus.NO_CONTENT).end();
  }
}
