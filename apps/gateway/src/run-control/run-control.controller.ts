import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { DeadLetterDesk } from './dead-letter-desk';
import { CancelAttemptDto } from './dto/cancel-attempt.dto';
import { RunCancellation } from './run-cancellation';
import { UnfinishedRuns } from './unfinished-runs';
import type { RequestUser } from '../auth/authenticated-request';
import { redirectTo } from '../http/reply';

/**
 * What the staff do about runs that are stuck or whose verdict was lost. The forms on the
 * workers and dead-letters pages post here and are sent back to their page.
 */
@ApiTags('staff-runs')
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
  @ApiOperation({ summary: 'Every attempt without a verdict, oldest first' })
  @ApiOkResponse({
    description:
      'Each as `{attemptId, mpId, kind, status, userId, username, workerId, workerName, createdAt, startedAt, ageMs}` (200 at most).',
  })
  unfinished() {
    return this.runs.list();
  }

  @Post('attempts/:attempt_id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Cancel any attempt without a verdict: a queued one leaves the queue, a running one's box is stopped",
    description: 'The student sees `cancelled` with the reason; no grade counts it; the audit log keeps it.',
  })
  @ApiOkResponse({ description: '`{attemptId, status: cancelled, wasRunning}`.' })
  @ApiFormRedirect('the workers page')
  @ApiErrors({
    400: '`reason` is longer than 500 characters.',
    404: 'There is no such attempt.',
    409: 'The attempt has a verdict already.',
  })
  async cancel(
    @Param('attempt_id') attemptId: string,
    @Body() dto: CancelAttemptDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const outcome = await this.cancellation.cancel(attemptId, user, dto.reason);
    if (wantsHtml(req)) return redirectTo(res, '/admin/workers');
    res.send(outcome);
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Verdicts the gateway did not take in time, each with why' })
  @ApiOkResponse({ description: 'Each as `{id, attemptId, mpId, verdict, reason, failedAt, attemptStatus}`.' })
  list() {
    return this.deadLetters.list();
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Apply a dead letter's verdict in place of the attempt's internal error (audited)" })
  @ApiOkResponse({ description: '`{attemptId, applied, attemptStatus}`: `applied` is false when the attempt had a real verdict already.' })
  @ApiFormRedirect('the dead-letters page')
  @ApiErrors({ 404: 'There is no such dead letter.', 409: 'Its attempt no longer exists: discard it.' })
  async replay(
    @Param('id') id: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const outcome = await this.deadLetters.replay(id, user);
    if (wantsHtml(req)) return redirectTo(res, '/admin/dead-letters');
    res.send(outcome);
  }

  @Post('dead-letters/:id/discard')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Drop a dead letter (audited)' })
  @ApiNoContentResponse({ description: 'Dropped.' })
  @ApiFormRedirect('the dead-letters page')
  @ApiErrors({ 404: 'There is no such dead letter.' })
  async discard(
    @Param('id') id: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    await this.deadLetters.discard(id, user);
    if (wantsHtml(req)) return redirectTo(res, '/admin/dead-letters');
    res.status(HttpStatus.NO_CONTENT).send();
  }
}
