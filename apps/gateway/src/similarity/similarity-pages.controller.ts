import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CatalogueService } from '@wb/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, SessionAuth } from '../auth/auth.decorators';
import { similarityLabPage, similarityLabsPage, similarityPairPage, similarityReportPage } from './similarity-pages';
import { ThresholdQuery } from './dto/threshold.query';
import { SimilarityDesk } from './similarity-desk.service';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** The similarity reports as pages (`/staff/similarity/...` are their routes, which these forms post to). */
@ApiExcludeController() // pages
@Controller('admin/similarity')
@SessionAuth('staff', 'admin')
export class SimilarityPagesController {
  constructor(
    private readonly desk: SimilarityDesk,
    private readonly catalogue: CatalogueService,
  ) {}

  @Get()
  async labs(@CurrentUser() user: RequestUser, @Res() res: FastifyReply): Promise<void> {
    const [latest, archived] = await Promise.all([this.desk.latestByLab(), this.desk.archivedCountByLab()]);
    const labs = this.catalogue
      .all()
      .map((mp) => ({ mp, latest: latest.get(mp.config.id) ?? null, archived: archived.get(mp.config.id) ?? 0 }));
    sendHtml(res, similarityLabsPage(labs, user));
  }

  @Get(':mp_id')
  async lab(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Res() res: FastifyReply): Promise<void> {
    const mp = this.desk.find(mpId);
    const [reports, terms] = await Promise.all([this.desk.list(mp), this.desk.terms(mp)]);
    sendHtml(res, similarityLabPage(mp, reports, terms, user));
  }

  @Get(':mp_id/reports/:report_id')
  async report(
    @Param('mp_id') mpId: string,
    @Param('report_id') reportId: string,
    @Query() query: ThresholdQuery,
    @CurrentUser() user: RequestUser,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.desk.find(mpId);
    const { report, pairs } = await this.desk.view(mp, reportId, query.threshold);
    sendHtml(res, similarityReportPage(mp, report, query.threshold, pairs, user));
  }

  @Get(':mp_id/reports/:report_id/pairs/:pair_id')
  async pair(
    @Param('mp_id') mpId: string,
    @Param('report_id') reportId: string,
    @Param('pair_id') pairId: string,
    @CurrentUser() user: RequestUser,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.desk.find(mpId);
    const report = await this.desk.report(mp, reportId);
    sendHtml(res, similarityPairPage(mp, report.id, await this.desk.pair(report, pairId), user));
  }
}
