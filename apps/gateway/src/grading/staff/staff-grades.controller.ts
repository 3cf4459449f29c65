import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionAuth } from '../../auth/auth.decorators';
import { ApiFormRedirect } from '../../http/openapi-decorators';
import { wantsHtml } from '../../http/wants-html';
import { OverrideGradeDto } from './dto/override-grade.dto';
import { gradesCsv } from './grades-csv';
import { StaffGradesService } from './staff-grades.service';
import type { RequestUser } from '../../auth/authenticated-request';
import { asAttachment, redirectTo } from '../../http/reply';

/** Course staff's grade tools: a CSV export, a regrade of a whole lab, and a hand override. */
@ApiTags('staff-grades')
@Controller('staff/grades')
@SessionAuth('staff', 'admin')
export class StaffGradesController {
  constructor(private readonly staff: StaffGradesService) {}

  @Get(':mp_id/export.csv')
  @ApiOperation({ summary: "The lab's counting grades as CSV, one row per student" })
  @ApiOkResponse({
    description:
      'Columns `grade_id, username, user_id, score, max_score, late, graded_at, attempt_id, passback, overridden`, as an attachment.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 404: 'There is no such lab.' })
  async export(@Param('mp_id') mpId: string, @Res() res: FastifyReply): Promise<void> {
    const rows = await this.staff.exportRows(this.staff.find(mpId));
    asAttachment(res, `grades-${mpId}.csv`).type('text/csv; charset=utf-8').send(gradesCsv(rows));
  }

  /** A form on the staff grades page leads back to it, showing the progress. */
  @Post(':mp_id/regrade')
  @ApiOperation({
    summary: "Regrade the lab: grade each student's counting program again",
    description: 'Grade attempts outside the submission limit; follow them with `GET /staff/grades/{mp_id}/regrade/{batch_id}`.',
  })
  @ApiAcceptedResponse({ description: 'The regrade as `{batchId, attemptIds, mpId, total, finished, graded, done}`.' })
  @ApiFormRedirect("the lab's staff grades page, showing the progress")
  @ApiErrors({ 404: 'There is no such lab.' })
  async regrade(@Param('mp_id') mpId: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const progress = await this.staff.regrade(this.staff.find(mpId));
    if (wantsHtml(req)) return redirectTo(res, `/admin/grades/${encodeURIComponent(mpId)}?regrade=${progress.batchId}`);
    res.status(HttpStatus.ACCEPTED).send(progress);
  }

  @Get(':mp_id/regrade/:batch_id')
  @ApiOperation({ summary: "A regrade's progress" })
  @ApiOkResponse({ description: '`{batchId, attemptIds, mpId, total, finished, graded, done}`: `done` once every attempt is graded.' })
  @ApiErrors({ 404: 'There is no such lab, or no such regrade of it (one is kept for a week).' })
  progress(@Param('mp_id') mpId: string, @Param('batch_id') batchId: string) {
    return this.staff.progress(this.staff.find(mpId), batchId);
  }

  /** A form on the staff grades page leads back to it. */
  @Post('override/:grade_id')
  @ApiOperation({
    summary: "Override one grade's score, with the reason kept in the audit trail",
    description:
      "When the course already holds a grade of this student for this lab (or the lab sends by itself), the student's counting grade is sent again.",
  })
  @ApiCreatedResponse({
    description: 'The grade `{id, mpId, userId, score, maxScore}` and `passback`: `{state: queued, gradeId, score}` or `{state: none}`.',
  })
  @ApiFormRedirect("the lab's staff grades page")
  @ApiErrors({
    400: "`score` is not a number from 0 to the grade's maximum, or `reason` is shorter than 3 characters.",
    404: 'There is no such grade.',
  })
  async override(
    @Param('grade_id') gradeId: string,
    @Body() dto: OverrideGradeDto,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const { grade, resent } = await this.staff.override(user, gradeId, dto.score, dto.reason);
    if (wantsHtml(req)) return redirectTo(res, `/admin/grades/${encodeURIComponent(grade.mpId)}`);
    res.status(HttpStatus.CREATED).send({
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
