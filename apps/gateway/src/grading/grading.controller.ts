import { Body, Controller, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { GradeDto } from './dto/grade.dto';
import { GradeStartedResponse, PassbackQueuedResponse } from './dto/grading.response';
import { GradingService } from './grading.service';
import type { RequestUser } from '../auth/authenticated-request';
import { redirectTo } from '../http/reply';

@ApiTags('grades')
@Controller('mp/:mp_id')
export class GradingController {
  constructor(
    private readonly grading: GradingService,
    private readonly labs: LabsService,
  ) {}

  /** API key (Bearer or body `api_key`) for the local client; the session for the lab page's button. */
  @Post('grade')
  @SessionOrKeyAuth({ keyInBody: true })
  @ApiOperation({
    summary: 'Grade a program: run it on every dataset, hidden ones included, and score it',
    description:
      "Grades `program` (saving it first), or the saved program without one. The grader scores the attempt with the lab's rubric when its run ends. Shares the submission limit.",
  })
  @ApiAcceptedResponse({ type: GradeStartedResponse, description: 'Recorded and queued.' })
  @ApiFormRedirect("the grade attempt's page")
  @ApiErrors({
    400: 'A field is wrong, the program contains a NUL character, or there is no program: nothing saved and none sent.',
    404: 'There is no such lab.',
    413: "The program is larger than the lab's `limits.program_bytes`.",
    429: 'The student submitted a moment ago: wait `retryAfterMs` (`Retry-After`).',
    503: 'Postgres or Redis is out of reach, or the run queue is: ask again after `Retry-After`.',
  })
  async grade(
    @Param('mp_id') mpId: string,
    @Body() dto: GradeDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    const program = dto.program === undefined || dto.program === '' ? undefined : dto.program;
    const attempt = await this.grading.start(user, this.labs.require(mpId), program);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/attempt/${attempt.id}`);
    res.status(HttpStatus.ACCEPTED).send({ attemptId: attempt.id } satisfies GradeStartedResponse);
  }

  @Post('submit_grade')
  @SessionAuth()
  @ApiOperation({ summary: "Send the student's counting grade in the lab to the course (LTI passback)" })
  @ApiAcceptedResponse({ type: PassbackQueuedResponse, description: 'Queued for the course (sent with retries by the grader).' })
  @ApiFormRedirect("the lab's grade page")
  @ApiErrors({
    404: 'There is no such lab, or no grade in it yet.',
    409: 'This course sends no grades to a course platform (`PASSBACK_MODE` is `none`).',
  })
  async submitGrade(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    await this.grading.requestPassback(user, this.labs.require(mpId));
    if (wantsHtml(req)) return redirectTo(res, `/grade/${encodeURIComponent(mpId)}`);
    res.status(HttpStatus.ACCEPTED).send({ passback: 'queued' } satisfies PassbackQueuedResponse);
  }
}
