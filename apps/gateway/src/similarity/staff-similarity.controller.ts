import { Body, Controller, Delete, Get, HttpStatus, Param, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiError } from '@wb/common';
import type { Request, Response } from 'express';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { MAX_ARCHIVE_FILES, parseArchiveUpload, UploadedProgram } from './archive-upload';
import { ArchiveTermDto } from './dto/archive-term.dto';
import { ThresholdQuery } from './dto/threshold.query';
import { similarityCsv } from './similarity-csv';
import { SimilarityDesk } from './similarity-desk.service';
import type { RequestUser } from '../auth/authenticated-request';

/** The largest program any lab could allow is far below this; each file is checked against its lab's limit. */
const UPLOAD_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Course staff's similarity reports: ask for one (202; the grader computes it), read it, export
 * it, open one pair; import and remove earlier terms' programs. The forms of `/admin/similarity`
 * post here and are led back to their page.
 */
@Controller('staff/similarity')
@SessionAuth('staff', 'admin')
export class StaffSimilarityController {
  constructor(private readonly desk: SimilarityDesk) {}

  @Post(':mp_id/reports')
  async request(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const mp = this.desk.find(mpId);
    const { report, created } = await this.desk.request(mp, user);
    if (wantsHtml(req))
      return res.redirect(HttpStatus.SEE_OTHER, `/admin/similarity/${encodeURIComponent(mp.config.id)}/reports/${report.id}`);
    res.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK).json({ ...report, created });
  }

  @Get(':mp_id/reports')
  list(@Param('mp_id') mpId: string) {
    return this.desk.list(this.desk.find(mpId));
  }

  /** The report with its pairs at or above `threshold` (none until it is done). */
  @Get(':mp_id/reports/:report_id')
  async report(@Param('mp_id') mpId: string, @Param('report_id') reportId: string, @Query() query: ThresholdQuery) {
    const { report, pairs } = await this.desk.view(this.desk.find(mpId), reportId, query.threshold);
    return { ...report, threshold: query.threshold, pairs };
  }

  @Get(':mp_id/reports/:report_id/export.csv')
  async export(
    @Param('mp_id') mpId: string,
    @Param('report_id') reportId: string,
    @Query() query: ThresholdQuery,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.desk.report(this.desk.find(mpId), reportId);
    if (report.state !== 'done') throw new ApiError(HttpStatus.CONFLICT, `similarity report ${report.id} is ${report.state}, not done yet`);
    const pairs = await this.desk.pairs(report, query.threshold, null);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`similarity-${mpId}-${report.id.slice(0, 8)}.csv`)
      .send(similarityCsv(pairs));
  }

  @Get(':mp_id/reports/:report_id/pairs/:pair_id')
  async pair(@Param('mp_id') mpId: string, @Param('report_id') reportId: string, @Param('pair_id') pairId: string) {
    const report = await this.desk.report(this.desk.find(mpId), reportId);
    return this.desk.pair(report, pairId);
  }

  /** multipart/form-data: `term` and the term's programs as files named `programs`. */
  @Post(':mp_id/archive')
  @UseInterceptors(FilesInterceptor('programs', MAX_ARCHIVE_FILES, { limits: { fileSize: UPLOAD_FILE_BYTES, fields: 10 } }))
  async importTerm(
    @Param('mp_id') mpId: string,
    @Body() dto: ArchiveTermDto,
    @UploadedFiles() files: UploadedProgram[] | undefined,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const mp = this.desk.find(mpId);
    const upload = parseArchiveUpload(mp, dto.term, files);
    const counts = await this.desk.importTerm(mp, upload, user);
    if (wantsHtml(req)) return res.redirect(HttpStatus.SEE_OTHER, `/admin/similarity/${encodeURIComponent(mp.config.id)}`);
    res.status(HttpStatus.CREATED).json({ mpId: mp.config.id, term: upload.term, ...counts });
  }

  @Get(':mp_id/archive')
  terms(@Param('mp_id') mpId: string) {
    return this.desk.terms(this.desk.find(mpId));
  }

  @Delete(':mp_id/archive/:term')
  async removeTerm(@Param('mp_id') mpId: string, @Param('term') term: string) {
    const mp = this.desk.find(mpId);
    return { mpId: mp.config.id, term, removed: await this.desk.removeTerm(mp, term) };
  }

  /** The page's form for {@link removeTerm} (a form cannot send DELETE). */
  @Post(':mp_id/archive/:term/delete')
  async removeTermForm(@Param('mp_id') mpId: string, @Param('term') term: string, @Res() res: Response): Promise<void> {
    const mp = this.desk.find(mpId);
    await this.desk.removeTerm(mp, term);
    res.redirect(HttpStatus.SEE_OTHER, `/admin/similarity/${encodeURIComponent(mp.config.id)}`);
  }
}
