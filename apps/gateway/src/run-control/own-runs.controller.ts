import { Controller, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { RunCancellation } from './run-cancellation';
import type { RequestUser } from '../auth/authenticated-request';
import { redirectTo } from '../http/reply';

/** What a student may do about their own runs: take one out of the queue before a worker starts it. */
@ApiTags('attempts')
@Controller('mp/:mp_id')
@SessionOrKeyAuth()
export class OwnRunsController {
  constructor(
    private readonly labs: LabsService,
    private readonly cancellation: RunCancellation,
  ) {}

  @Post('attempt/:attempt_id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Take the student's own queued attempt out of the queue, before a worker starts it" })
  @ApiOkResponse({ description: '`{attemptId, status: cancelled, wasRunning: false}`.' })
  @ApiFormRedirect("the attempt's page")
  @ApiErrors({
    404: 'There is no such lab, or the student has no such attempt.',
    409: 'A worker has started the attempt already, or it has finished.',
  })
  async cancel(
    @Param('mp_id') mpId: string,
    @Param('attempt_id') attemptId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    this.labs.require(mpId);
    const outcome = await this.cancellation.cancelQueued(attemptId, mpId, user);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/attempt/${outcome.attemptId}`);
    res.send(outcome);
  }
}
