import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, OUTAGE } from '@wb/common/http/openapi';
import { WorkerTokenAuth } from '@wb/common/http/worker-token-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { visibleGrade } from '../grading/grade-visibility';
import { GradesReader } from '../grading/grades-reader';
import { ApiJsonOrPage } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { attemptPage } from './attempt-page';
import { streamAttempt } from './attempt-event-stream';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptProgress } from './attempt-progress';
import { attemptDetail, attemptSummary } from './attempt-view';
import { visibleAttempt } from './attempt-visibility';
import { AttemptsService } from './attempts.service';
import { QueuePlaces } from './queue-places';
import { RunResultsDto } from './dto/run-results.dto';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** Student routes are tagged `attempts`; the worker's report, `workers`. */
@Controller('mp/:mp_id')
export class AttemptsController {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly labs: LabsService,
    private readonly notifier: AttemptNotifier,
    private readonly places: QueuePlaces,
    private readonly progress: AttemptProgress,
    private readonly grades: GradesReader,
  ) {}

  @Get('attempts')
  @SessionOrKeyAuth()
  @ApiTags('attempts')
  @ApiOperation({ summary: "The student's attempts at the lab, newest first" })
  @ApiOkResponse({
    description:
      'Each attempt as `{id, createdAt, kind, status, passed, dataset, summary}`; `dataset` is -1 for all public datasets, a hidden dataset says no more than its verdict.',
  })
  @ApiErrors({ 404: 'There is no such lab.' })
  async list(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser) {
    const mp = this.labs.require(mpId);
    return (await this.attempts.list(user.id, mpId)).map((a) => attemptSummary(visibleAttempt(a, mp, user)));
  }

  @Get('attempt/:attempt_id')
  @SessionOrKeyAuth()
  @ApiTags('attempts')
  @ApiOperation({ summary: "One attempt: status, compiler output, output, each dataset's result, libwb's timers and logs" })
  @ApiJsonOrPage("the attempt's page", {
    description:
      'The attempt as in the list, with `startedAt`, `finishedAt`, `program`, `compilerOutput`, `output` (with their byte counts), `results` per dataset, `timers`, `logs`; `grade` once a grade attempt is scored; `queue` (`{position, estimateMs}`) while it waits; for a `check` attempt `sanitizer` (`{errors: [{kind, file, line, otherLine, kernel, thread, block, details, count}], omitted, summaryCount}`), for a `profile` attempt `profile` (`{kernels: [{id, kernel, durationUs, achievedOccupancy, dramThroughput, memoryThroughput, computeThroughput, registersPerThread, sharedMemoryPerBlock, advice}], omitted, countersForbidden}`).',
  })
  @ApiErrors({ 404: "There is no such lab, or the student has no such attempt (another student's attempt is not found either)." })
  async one(
    @Param('mp_id') mpId: string,
    @Param('attempt_id') attemptId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    const mp = this.labs.require(mpId);
    const attempt = visibleAttempt(await this.attempts.findOwn(user.id, mpId, attemptId), mp, user);
    const graded = attempt.kind === 'grade' ? await this.grades.ofAttempt(user.id, attempt.id) : null;
    const grade = graded && visibleGrade(graded, mp, user);
    if (wantsHtml(req)) return void sendHtml(res, attemptPage(mp, attempt, user, grade));
    res.send({ ...attemptDetail(attempt, grade), queue: await this.places.of(attempt) });
  }

  /** Live updates for the lab and attempt pages (server-sent events). */
  @Get('attempt/:attempt_id/events')
  @SessionOrKeyAuth()
  @ApiTags('attempts')
  @ApiOperation({
    summary: 'Follow one attempt live (server-sent events)',
    description:
      'An `event: status` with the attempt as `GET /mp/{mp_id}/attempt/{attempt_id}` has it (and its `queue` place) now, at each change and when its place changes; while it runs, `progress` (`{ done, total }`: datasets finished of all it runs, or null before the worker tells) changes as each dataset starts; the stream ends after the verdict.',
  })
  @ApiOkResponse({ description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors({ 404: 'There is no such lab, or the student has no such attempt.' })
  async events(
    @Param('mp_id') mpId: string,
    @Param('attempt_id') attemptId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.labs.require(mpId);
    await this.attempts.findOwn(user.id, mpId, attemptId); // 404 before the stream starts
    const load = async () => visibleAttempt(await this.attempts.findOwn(user.id, mpId, attemptId), mp, user);
    await streamAttempt(res, this.notifier, this.places, this.progress, attemptId, load);
  }

  @Post('run_results')
  @WorkerTokenAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiTags('workers')
  @ApiOperation({
    summary: "A worker reports an attempt's progress or verdict",
    description:
      'Applied only if it moves the attempt forward (`compiling`, `running`, then a verdict), so a repeated report changes nothing. Texts are made safe when applied: the content is never a reason to refuse a report.',
  })
  @ApiNoContentResponse({ description: 'Applied, or already applied.' })
  @ApiErrors({
    400: 'A field is over its bound or has an unknown value (the message names it).',
    404: 'No such attempt for this lab.',
    503: OUTAGE,
  })
  async runResults(@Param('mp_id') mpId: string, @Body() dto: RunResultsDto): Promise<void> {
    await this.attempts.applyReport(mpId, dto);
  }
}
