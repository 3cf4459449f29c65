import { Body, Controller, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { SubmitDto } from './dto/submit.dto';
import { SubmittedResponse } from './dto/submitted.response';
import { SubmissionsService } from './submissions.service';
import type { RequestUser } from '../auth/authenticated-request';
import { redirectTo } from '../http/reply';

@ApiTags('attempts')
@Controller('mp/:mp_id')
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly labs: LabsService,
  ) {}

  @Post('submit')
  @SessionOrKeyAuth()
  @ApiOperation({
    summary: 'Run the program on one public dataset or all of them',
    description:
      "Saves the program, records an attempt and queues it for a worker of the lab's toolchain. One submission every few seconds per student (`SUBMIT_INTERVAL_MS`); grading shares the limit.",
  })
  @ApiAcceptedResponse({ type: SubmittedResponse, description: 'Recorded and queued.' })
  @ApiFormRedirect("the attempt's page")
  @ApiErrors({
    400: 'A field is missing or wrong, the program contains a NUL character, or the lab has no such public dataset.',
    404: 'There is no such lab.',
    413: "The program is larger than the lab's `limits.program_bytes`.",
    429: 'The student submitted a moment ago: wait `retryAfterMs` (`Retry-After`). A refused request does not cost the slot.',
    503: 'Postgres or Redis is out of reach, or the run queue is: the program is saved; ask again after `Retry-After`.',
  })
  async submit(
    @Param('mp_id') mpId: string,
    @Body() dto: SubmitDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    const attempt = await this.submissions.submit(user, this.labs.require(mpId), dto.program, dto.dataset);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/attempt/${attempt.id}`);
    res.status(HttpStatus.ACCEPTED).send({ attemptId: attempt.id, status: attempt.status } satisfies SubmittedResponse);
  }
}
