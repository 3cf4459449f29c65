import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, SessionAuth } from '../../auth/auth.decorators';
import { wantsHtml } from '../../http/wants-html';
import { OverrideGradeDto } from './dto/override-grade.dto';
import { gradesCsv } from './grades-csv';
import { StaffGradesService } from './staff-grades.service';
import type { RequestUser } from '../../auth/authenticated-request';

/** Course staff's grade tools: a CSV export, a regrade of a whole lab, and a hand override. */
@Controller('staff/grades')
@SessionAuth('staff', 'admin')
export class StaffGradesController {
  constructor(private readonly staff: StaffGradesService) {}

  @Get(':mp_id/export.csv')
  async export(@Param('mp_id') mpId: string, @Res() res: Response): Promise<void> {
    const rows = await this.staff.exportRows(this.staff.find(mpId));
    res.type('text/csv; charset=utf-8').attachment(`grades-${mpId}.csv`).send(gradesCsv(rows));
  }

  /** A form on the staff grades page leads back to it, showing the progress. */
  @Post(':mp_id/regrade')
  async regrade(@Param('mp_id') mpId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const progress = await this.staff.regrade(this.staff.find(mpId));
    if (wantsHtml(req)) return res.redirect(HttpStatus.SEE_OTHER, `/admin/grades/${encodeURIComponent(mpId)}?regrade=${progress.batchId}`);
    res.status(HttpStatus.ACCEPTED).json(progress);
  }

  @Get(':mp_id/regrade/:batch_id')
  progress(@Param('mp_id') mpId: string, @Param('batch_id') batchId: string) {
    return this.staff.progress(this.staff.find(mpId), batchId);
  }

  /** A form on the staff grades page leads back to it. */
  @Post('override/:grade_id')
  async override(
    @Param('grade_id') gradeId: string,
    @Body() dto: OverrideGradeDto,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { grade, resent } = await this.staff.override(user, gradeId, dto.score, dto.reason);
    if (wantsHtml(req)) return res.redirect(HttpStatus.SEE_OTHER, `/admin/grades/${encodeURIComponent(grade.mpId)}`);
    res.status(HttpStatus.CREATED).json({
      id: grade.id,
      mpId: grade.mpId,
      userId: grade.userId,
      score: grade.score,
      maxScore: grade.maxScore,
      // What the course platform will be sent, if anything: the student's counting grade.
      passback: resent ? { state: 'queued', gradeId: resent.id, score: resent.score } : { state: 'none' },
    });
  }
}
