import { Body, Controller, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalysisAction } from '@wb/common';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { SubmitDto } from '../submissions/dto/submit.dto';
import { SubmittedResponse } from '../submissions/dto/submitted.response';
import { AnalysisService } from './analysis.service';
import type { RequestUser } from '../auth/authenticated-request';
import { redirectTo } from '../http/reply';

const ERRORS = {
  400: 'A field is missing or wrong, the program contains a NUL character, the lab has no such public dataset, or the lab is not a CUDA lab.',
  404: 'There is no such lab.',
  413: "The program is larger than the lab's `limits.program_bytes`.",
  429: 'The student asked for this action on this lab a moment ago: wait `retryAfterMs` (`Retry-After`). A refused request does not cost the slot.',
  503: 'Postgres or Redis is out of reach, or the run queue is: the program is saved; ask again after `Retry-After`.',
};

@ApiTags('attempts')
@Controller('mp/:mp_id')
export class AnalysisController {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly labs: LabsService,
  ) {}

  @Post('check')
  @SessionOrKeyAuth()
  @ApiOperation({
    summary: 'Check memory: run the program under compute-sanitizer (CUDA labs)',
    description:
      'Saves the program and queues an attempt of kind `check` on one public dataset (dataset -1: the first): memcheck, and racecheck and synccheck when the program uses `__shared__`. Its JSON and page carry the errors per file:line (`sanitizer`). One check per `CHECK_INTERVAL_MS` per student and lab.',
  })
  @ApiAcceptedResponse({ type: SubmittedResponse, description: 'Recorded and queued.' })
  @ApiFormRedirect("the attempt's page")
  @ApiErrors(ERRORS)
  check(
    @Param('mp_id') mpId: string,
    @Body() dto: SubmitDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    return this.request('check', mpId, dto, user, req, res);
  }

  @Post('profile')
  @SessionOrKeyAuth()
  @ApiOperation({
    summary: "Profile: run the program's kernels under Nsight Compute (CUDA labs)",
    description:
      'Saves the program and queues an attempt of kind `profile` on one public dataset (dataset -1: the first). Its JSON and page carry per kernel its duration, occupancy, throughputs, registers, shared memory and one line of advice (`profile`). One profile per `PROFILE_INTERVAL_MS` per student and lab.',
  })
  @ApiAcceptedResponse({ type: SubmittedResponse, description: 'Recorded and queued.' })
  @ApiFormRedirect("the attempt's page")
  @ApiErrors(ERRORS)
  profile(
    @Param('mp_id') mpId: string,
    @Body() dto: SubmitDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    return this.request('profile', mpId, dto, user, req, res);
  }

  private async request(action: AnalysisAction, mpId: string, dto: SubmitDto, user: RequestUser, req: FastifyRequest, res: FastifyReply) {
    const attempt = await this.analysis.request(user, this.labs.require(mpId), action, dto.program, dto.dataset);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/attempt/${attempt.id}`);
    res.status(HttpStatus.ACCEPTED).send({ attemptId: attempt.id, status: attempt.status } satisfies SubmittedResponse);
  }
}
