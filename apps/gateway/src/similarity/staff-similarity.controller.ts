import { Controller, Delete, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiError } from '@wb/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { readArchiveForm } from './archive-form';
import { MAX_ARCHIVE_FILES, parseArchiveUpload } from './archive-upload';
import { ThresholdQuery } from './dto/threshold.query';
import { similarityCsv } from './similarity-csv';
import { SimilarityDesk } from './similarity-desk.service';
import type { RequestUser } from '../auth/authenticated-request';
import { asAttachment, redirectTo } from '../http/reply';

/**
 * Course staff's similarity reports: ask for one (202; the grader computes it), read it, export
 * it, open one pair; import and remove earlier terms' programs. The forms of `/admin/similarity`
 * post here and are led back to their page.
 */
@ApiTags('similarity')
@Controller('staff/similarity')
@SessionAuth('staff', 'admin')
@ApiErrors({ 404: 'There is no such lab.' })
export class StaffSimilarityController {
  constructor(private readonly desk: SimilarityDesk) {}

  @Post(':mp_id/reports')
  @ApiOperation({
    summary: "Ask for a similarity report of the lab's counting programs (the grader computes it)",
    description: 'Asking again while one is queued or running returns that one. The five newest reports of a lab are kept.',
  })
  @ApiAcceptedResponse({ description: 'A new report, queued: `{id, mpId, state, progress, …, created: true}`.' })
  @ApiOkResponse({ description: 'The report already on its way (`created: false`).' })
  @ApiFormRedirect("the report's page")
  async request(
    @Param('mp_id') mpId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.desk.find(mpId);
    const { report, created } = await this.desk.request(mp, user);
    if (wantsHtml(req)) return redirectTo(res, `/admin/similarity/${encodeURIComponent(mp.config.id)}/reports/${report.id}`);
    res.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK).send({ ...report, created });
  }

  @Get(':mp_id/reports')
  @ApiOperation({ summary: "The lab's reports, newest first, with their state and progress" })
  @ApiOkResponse({
    description:
      'Each as `{id, mpId, state, progress, programs, archived, pairsKept, unanalysed, error, createdAt, startedAt, finishedAt}`.',
  })
  list(@Param('mp_id') mpId: string) {
    return this.desk.list(this.desk.find(mpId));
  }

  /** The report with its pairs at or above `threshold` (none until it is done). */
  @Get(':mp_id/reports/:report_id')
  @ApiOperation({ summary: 'One report with its pairs at or above `threshold` (none until it is done)' })
  @ApiOkResponse({ description: 'The report as in the list, with `threshold` and `pairs`, most similar first.' })
  @ApiErrors({ 400: '`threshold` is not a number from 0 to 1.', 404: 'There is no such lab, or no such report of it.' })
  async report(@Param('mp_id') mpId: string, @Param('report_id') reportId: string, @Query() query: ThresholdQuery) {
    const { report, pairs } = await this.desk.view(this.desk.find(mpId), reportId, query.threshold);
    return { ...report, threshold: query.threshold, pairs };
  }

  @Get(':mp_id/reports/:report_id/export.csv')
  @ApiOperation({ summary: "A report's pairs at or above `threshold` as CSV" })
  @ApiOkResponse({ description: 'The pairs, as an attachment.', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({
    400: '`threshold` is not a number from 0 to 1.',
    404: 'There is no such lab, or no such report of it.',
    409: 'The report is not done yet.',
  })
  async export(
    @Param('mp_id') mpId: string,
    @Param('report_id') reportId: string,
    @Query() query: ThresholdQuery,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const report = await this.desk.report(this.desk.find(mpId), reportId);
    if (report.state !== 'done') throw new ApiError(HttpStatus.CONFLICT, `similarity report ${report.id} is ${report.state}, not done yet`);
    const pairs = await this.desk.pairs(report, query.threshold, null);
    asAttachment(res, `similarity-${mpId}-${report.id.slice(0, 8)}.csv`)
      .type('text/csv; charset=utf-8')
      .send(similarityCsv(pairs));
  }

  @Get(':mp_id/reports/:report_id/pairs/:pair_id')
  @ApiOperation({ summary: 'One pair: both programs and the fragments they share' })
  @ApiOkResponse({ description: 'The pair with its similarity, both programs and their shared line ranges.' })
  @ApiErrors({ 404: 'There is no such lab, report, or pair in it.' })
  async pair(@Param('mp_id') mpId: string, @Param('report_id') reportId: string, @Param('pair_id') pairId: string) {
    const report = await this.desk.report(this.desk.find(mpId), reportId);
    return this.desk.pair(report, pairId);
  }

  /** multipart/form-data: `term` and the term's programs as files named `programs`. */
  @Post(':mp_id/archive')
  @ApiOperation({
    summary: "Import an earlier term's programs to compare this term's with",
    description:
      'One file per student, named after the student (the name without its extension is the author). Importing a term again replaces its same-named programs.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['term', 'programs'],
      properties: {
        term: { type: 'string', description: 'The term, e.g. `fa25`: 1 to 64 letters, digits, spaces, dots, dashes or underscores.' },
        programs: { type: 'array', items: { type: 'string', format: 'binary' }, description: `Up to ${MAX_ARCHIVE_FILES} files.` },
      },
    },
  })
  @ApiCreatedResponse({ description: '`{mpId, term, added, replaced}`: how many programs were new and how many replaced.' })
  @ApiFormRedirect("the lab's similarity page")
  @ApiErrors({
    400: 'The term is malformed, no files were sent, two files have one author, or a file is not UTF-8 text or contains NUL bytes.',
    413: "A file is larger than the lab's `limits.program_bytes`.",
  })
  async importTerm(
    @Param('mp_id') mpId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.desk.find(mpId);
    const form = await readArchiveForm(req);
    const upload = parseArchiveUpload(mp, form.term, form.files);
    const counts = await this.desk.importTerm(mp, upload, user);
    if (wantsHtml(req)) return redirectTo(res, `/admin/similarity/${encodeURIComponent(mp.config.id)}`);
    res.status(HttpStatus.CREATED).send({ mpId: mp.config.id, term: upload.term, ...counts });
  }

  @Get(':mp_id/archive')
  @ApiOperation({ summary: "The earlier terms imported for the lab, with their programs' count" })
  @ApiOkResponse({ description: 'Each as `{term, programs, importedAt}`, the latest import first.' })
  terms(@Param('mp_id') mpId: string) {
    return this.desk.terms(this.desk.find(mpId));
  }

  @Delete(':mp_id/archive/:term')
  @ApiOperation({ summary: "Remove an earlier term's programs" })
  @ApiOkResponse({ description: '`{mpId, term, removed}`: how many programs were removed.' })
  @ApiErrors({ 404: 'There is no such lab, or no programs of that term.' })
  async removeTerm(@Param('mp_id') mpId: string, @Param('term') term: string) {
    const mp = this.desk.find(mpId);
    return { mpId: mp.config.id, term, removed: await this.desk.removeTerm(mp, term) };
  }

  /** The page's form for {@link removeTerm} (a form cannot send DELETE). */
  @Post(':mp_id/archive/:term/delete')
  @ApiOperation({ summary: "The similarity page's form for removing a term (a form cannot send DELETE)" })
  @ApiFormRedirect("the lab's similarity page (whatever the request's Accept)")
  @ApiErrors({ 404: 'There is no such lab, or no programs of that term.' })
  async removeTermForm(@Param('mp_id') mpId: string, @Param('term') term: string, @Res() res: FastifyReply): Promise<void> {
    const mp = this.desk.find(mpId);
    await this.desk.removeTerm(mp, term);
    redirectTo(res, `/admin/similarity/${encodeURIComponent(mp.config.id)}`);
  }
}
