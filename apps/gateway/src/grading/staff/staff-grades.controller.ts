import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { User } from '@wb/common';
import type { Response } from 'express';
import { CurrentUser, SessionAuth } from '../../auth/auth.decorators';
import { OverrideGradeDto } from './dto/override-grade.dto';
import { gradesCsv } from './grades-csv';
import { StaffGradesService } from './staff-grades.service';

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

  @Post(':mp_id/regrade')
  @HttpCode(HttpStatus.ACCEPTED)
  regrade(@Param('mp_id') mpId: string) {
    return this.staff.regrade(this.staff.find(mpId));
  }

  @Get(':mp_id/regrade/:batch_id')
  progress(@Param('mp_id') mpId: string, @Param('batch_id') batchId: string) {
    return this.staff.progress(this.staff.find(mpId), batchId);
  }

  @Post('override/:grade_id')
  async override(@Param('grade_id') gradeId: string, @Body() dto: OverrideGradeDto, @CurrentUser() user: User) {
    const { grade, resent } = await this.staff.override(user, gradeId, dto.score, dto.reason);
    return {
      id: grade.id,
      mpId: grade.mpId,
      userId: grade.userId,
      score: grade.score,
      maxScore: grade.maxScore,
      // What the course platform will be sent, if anything: the student's counting grade.
      passback: resent ? { state: 'queued', gradeId: resent.id, score: resent.score } : { state: 'none' },
    };
  }
}
