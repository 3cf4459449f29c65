import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { WorkerTokenGuard } from '@wb/common';
import type { Request, Response } from 'express';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { attemptPage } from './attempt-page';
import { streamAttempt } from './attempt-event-stream';
import { AttemptNotifier } from './attempt-notifier';
import { attemptDetail, attemptSummary } from './attempt-view';
import { visibleAttempt } from './attempt-visibility';
import { AttemptsService } from './attempts.service';
import { RunResultsDto } from './dto/run-results.dto';
import type { RequestUser } from '../auth/authenticated-request';

@Controller('mp/:mp_id')
export class AttemptsController {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly labs: LabsService,
    private readonly notifier: AttemptNotifier,
  ) {}

  @Get('attempts')
  @SessionOrKeyAuth()
  async list(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser) {
    this.labs.require(mpId);
    return (await this.attempts.list(user.id, mpId)).map(attemptSummary);
  }

  @Get('attempt/:attempt_id')
  @SessionOrKeyAuth()
  async one(
    @Param('mp_id') mpId: string,
    @Param('attempt_id') attemptId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const mp = this.labs.require(mpId);
    const attempt = visibleAttempt(await this.attempts.findOwn(user.id, mpId, attemptId), mp, user);
    if (wantsHtml(req)) return void res.type('html').send(attemptPage(mp, attempt, user));
    res.json(attemptDetail(attempt));
  }

  /** Live updates for the lab and attempt pages (server-sent events). */
  @Get('attempt/:attempt_id/events')
  @SessionOrKeyAuth()
  async events(
    @Param('mp_id') mpId: string,
    @Param('attempt_id') attemptId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const mp = this.labs.require(mpId);
    await this.attempts.findOwn(user.id, mpId, attemptId); // 404 before the stream starts
    const load = async () => visibleAttempt(await this.attempts.findOwn(user.id, mpId, attemptId), mp, user);
    await streamAttempt(req, res, this.notifier, attemptId, load);
  }

  @Post('run_results')
  @UseGuards(WorkerTokenGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  async runResults(@Param('mp_id') mpId: string, @Body() dto: RunResultsDto): Promise<void> {
    await this.attempts.applyReport(mpId, dto);
  }
}
