import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import { WorkerTokenAuth } from '@wb/common/http/worker-token-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiFormRedirect, ApiJsonOrPage } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { HideTimingDto } from './dto/hide-timing.dto';
import { LeaderboardNameDto } from './dto/leaderboard-name.dto';
import { TimingFailedDto, TimingResultsDto } from './dto/timing-results.dto';
import { leaderboardPage, timingPage } from './timing-pages';
import { TimingDesk } from './timing-desk.service';
import { timingView } from './timing-view';
import type { RequestUser } from '../auth/authenticated-request';
import { redirectTo, sendHtml } from '../http/reply';

const UUID = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/**
 * Timed runs and leaderboards of a lab with `performance:` in its mp.yaml (404 for another lab).
 * Student routes are tagged `timing`; the workers' reports, `workers`.
 */
@Controller('mp/:mp_id')
export class TimingsController {
  constructor(
    private readonly desk: TimingDesk,
    private readonly labs: LabsService,
  ) {}

  @Post('timings')
  @SessionOrKeyAuth()
  @ApiTags('timing')
  @ApiOperation({
    summary: "Time the student's latest program (alone on a worker, on fresh inputs)",
    description:
      'Times the program of the latest run on every dataset, which must have passed. It runs `performance.runs` times, each on new inputs from a new seed, and each run must be correct. One timed run per student per lab every `performance.cooldown_minutes`.',
  })
  @ApiAcceptedResponse({ description: 'Queued: `{id, state: "queued", …}` as `GET /mp/{mp_id}/timings/{timing_id}` has it.' })
  @ApiFormRedirect("the timing's page")
  @ApiErrors({
    404: 'There is no such lab, or it has no timed runs.',
    409: "The student's latest run of every dataset did not pass (or there is none).",
    429: 'The student timed this lab less than `cooldown_minutes` ago: wait `retryAfterMs` (`Retry-After`).',
    503: 'The timing queue is out of reach: ask again after `Retry-After`.',
  })
  async request(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const timing = await this.desk.request(user, this.labs.require(mpId));
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/timings/${timing.id}`);
    res.status(HttpStatus.ACCEPTED).send(timingView(timing));
  }

  @Post('timings/reference')
  @SessionAuth('staff', 'admin')
  @ApiTags('timing')
  @ApiOperation({ summary: "Time the lab's own solution through the same protocol: the leaderboard's reference line" })
  @ApiAcceptedResponse({ description: 'Queued, as `POST /mp/{mp_id}/timings` answers.' })
  @ApiFormRedirect("the timing's page")
  @ApiErrors({ 404: 'There is no such lab, or it has no timed runs.', 409: 'The lab has no solution file.' })
  async reference(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const timing = await this.desk.requestReference(user, this.labs.require(mpId));
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/timings/${timing.id}`);
    res.status(HttpStatus.ACCEPTED).send(timingView(timing));
  }

  @Get('timings')
  @SessionOrKeyAuth()
  @ApiTags('timing')
  @ApiOperation({ summary: "The student's timed runs of the lab, newest first" })
  @ApiOkResponse({ description: 'Each as `GET /mp/{mp_id}/timings/{timing_id}` has it.' })
  @ApiErrors({ 404: 'There is no such lab, or it has no timed runs.' })
  async list(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser) {
    const mp = this.labs.require(mpId);
    this.desk.performanceOf(mp);
    return (await this.desk.listOwn(user, mp)).map(timingView);
  }

  @Get('timings/:timing_id')
  @SessionOrKeyAuth()
  @ApiTags('timing')
  @ApiOperation({
    summary: 'One timed run: state, status (valid, void, unstable) and why, median, spread, each run with its seed, the device',
  })
  @ApiJsonOrPage("the timing's page", {
    description:
      '`{id, state, status, reason, medianMs, minMs, maxMs, spread, runs: [{seed, passed, timeMs, message}], deviceModel, deviceStart, deviceEnd, hiddenReason, createdAt, finishedAt}`; `deviceStart`/`deviceEnd` are `{model, kind, driver?, clockMhz?, temperatureC?}`.',
  })
  @ApiErrors({ 404: "There is no such lab or timing (another student's timing is not found either)." })
  async one(
    @Param('mp_id') mpId: string,
    @Param('timing_id', UUID) timingId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    const mp = this.labs.require(mpId);
    const timing = await this.desk.findOwn(user, mp, timingId);
    if (wantsHtml(req)) return void sendHtml(res, timingPage(mp, timing, user));
    res.send(timingView(timing));
  }

  @Get('leaderboard')
  @SessionOrKeyAuth()
  @ApiTags('timing')
  @ApiOperation({ summary: "The lab's leaderboards, one per device model" })
  @ApiJsonOrPage('the leaderboard page', {
    description:
      '`{boards: [{device, reference: {medianMs, spread, at} | null, entries: [{rank, timingId, name, medianMs, spread, runs, own, at}]}]}`: each student\'s best valid figure, fastest first; `name` is the student\'s chosen name or "anonymous"; hidden figures are left out.',
  })
  @ApiErrors({ 404: 'There is no such lab, or it has no timed runs.' })
  async leaderboard(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const mp = this.labs.require(mpId);
    const boards = await this.desk.leaderboards(mp, user);
    if (!wantsHtml(req)) return void res.send({ boards });
    const staff = user.role === 'staff' || user.role === 'admin';
    const [name, timings, hidden] = await Promise.all([
      this.desk.nameOf(user),
      this.desk.listOwn(user, mp),
      staff ? this.desk.hidden(mp) : [],
    ]);
    sendHtml(res, leaderboardPage(mp, boards, user, { name, timings, hidden }));
  }

  @Post('leaderboard/name')
  @SessionOrKeyAuth()
  @ApiTags('timing')
  @ApiOperation({
    summary: "Set the student's name on every leaderboard, or none to be listed as anonymous (the default)",
  })
  @ApiOkResponse({ description: '`{displayName}`: the name now shown, or null for anonymous.' })
  @ApiFormRedirect("the lab's leaderboard")
  @ApiErrors({ 400: 'The name is longer than 40 characters or has control characters.', 404: 'There is no such lab.' })
  async setName(
    @Param('mp_id') mpId: string,
    @Body() dto: LeaderboardNameDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    this.labs.require(mpId);
    const displayName = await this.desk.setName(user, dto.displayName);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/leaderboard`);
    res.send({ displayName });
  }

  @Post('leaderboard/:timing_id/hide')
  @SessionAuth('staff', 'admin')
  @ApiTags('timing')
  @ApiOperation({ summary: 'Take a figure off the leaderboard, saying why (recorded in the audit log; the student sees the reason)' })
  @ApiOkResponse({ description: '`{hidden: true}`.' })
  @ApiFormRedirect("the lab's leaderboard")
  @ApiErrors({ 400: 'No reason, or one over 500 characters.', 404: 'There is no such lab or timing.' })
  async hide(
    @Param('mp_id') mpId: string,
    @Param('timing_id', UUID) timingId: string,
    @Body() dto: HideTimingDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    await this.desk.hide(user, this.labs.require(mpId), timingId, dto.reason);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/leaderboard`);
    res.send({ hidden: true });
  }

  @Post('leaderboard/:timing_id/unhide')
  @SessionAuth('staff', 'admin')
  @ApiTags('timing')
  @ApiOperation({ summary: 'Put a hidden figure back on the leaderboard (recorded in the audit log)' })
  @ApiOkResponse({ description: '`{hidden: false}`.' })
  @ApiFormRedirect("the lab's leaderboard")
  @ApiErrors({ 404: 'There is no such lab or timing.' })
  async unhide(
    @Param('mp_id') mpId: string,
    @Param('timing_id', UUID) timingId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ) {
    await this.desk.unhide(user, this.labs.require(mpId), timingId);
    if (wantsHtml(req)) return redirectTo(res, `/mp/${encodeURIComponent(mpId)}/leaderboard`);
    res.send({ hidden: false });
  }

  @Post('timings/:timing_id/results')
  @WorkerTokenAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiTags('workers')
  @ApiOperation({
    summary: "A worker reports a timed run's verdict",
    description: 'Applied once: a repeated report changes nothing.',
  })
  @ApiNoContentResponse({ description: 'Applied, or already applied.' })
  @ApiErrors({ 400: 'A field is over its bound or has an unknown value (the message names it).', 404: 'No such timing for this lab.' })
  async results(@Param('mp_id') mpId: string, @Param('timing_id', UUID) timingId: string, @Body() dto: TimingResultsDto): Promise<void> {
    await this.desk.complete(this.labs.require(mpId), timingId, dto);
  }

  @Post('timings/:timing_id/failed')
  @WorkerTokenAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiTags('workers')
  @ApiOperation({ summary: 'A worker could not finish a timed run (the student may ask again)' })
  @ApiNoContentResponse({ description: 'Recorded, or the timing was finished already.' })
  @ApiErrors({ 400: 'No reason.', 404: 'No such timing for this lab.' })
  async failed(@Param('mp_id') mpId: string, @Param('timing_id', UUID) timingId: string, @Body() dto: TimingFailedDto): Promise<void> {
    await this.desk.fail(this.labs.require(mpId), timingId, dto.reason);
  }
}
