import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CatalogueService } from '@wb/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, SessionAuth } from '../../auth/auth.decorators';
import { staffGradesPage, staffLabsGradesPage } from './staff-grades-pages';
import { StaffGradesService } from './staff-grades.service';
import type { RequestUser } from '../../auth/authenticated-request';
import { sendHtml } from '../../http/reply';

/** The staff grade tools as pages (`/staff/grades/...` are their routes, which these forms post to). */
@ApiExcludeController() // pages
@Controller('admin/grades')
@SessionAuth('staff', 'admin')
export class StaffGradesPagesController {
  constructor(
    private readonly staff: StaffGradesService,
    private readonly catalogue: CatalogueService,
  ) {}

  @Get()
  async labs(@CurrentUser() user: RequestUser, @Res() res: FastifyReply): Promise<void> {
    const graded = await this.staff.gradedStudentsByLab();
    const labs = this.catalogue.all().map((mp) => ({ mp, graded: graded.get(mp.config.id) ?? 0 }));
    sendHtml(res, staffLabsGradesPage(labs, user));
  }

  /** `?regrade=<batch id>` shows a regrade's progress (the regrade form leads here). */
  @Get(':mp_id')
  async lab(
    @Param('mp_id') mpId: string,
    @Query('regrade') batchId: unknown,
    @CurrentUser() user: RequestUser,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.staff.find(mpId);
    const [rows, progress] = await Promise.all([
      this.staff.exportRows(mp),
      typeof batchId === 'string' ? this.staff.progress(mp, batchId) : Promise.resolve(null),
    ]);
    sendHtml(res, staffGradesPage(mp, rows, progress, user));
  }
}
