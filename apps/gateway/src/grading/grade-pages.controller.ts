import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig } from '@wb/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from '../auth/auth.decorators';
import { ApiJsonOrPage } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { gradeDetail, gradePage, gradesPage } from './grade-pages';
import { visibleGrade } from './grade-visibility';
import { GradesReader } from './grades-reader';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** A student's own grades: the list, and one lab's counting grade with its history (page or JSON). */
@ApiTags('grades')
@Controller()
export class GradePagesController {
  constructor(
    private readonly labs: LabsService,
    private readonly grades: GradesReader,
    private readonly config: AppConfig,
  ) {}

  @Get('grades')
  @SessionAuth()
  @ApiOperation({ summary: "The student's counting grade in each lab" })
  @ApiJsonOrPage('the grades page', { description: 'Each as `{mpId, title, score, maxScore, gradedAt, passback}`.' })
  async gradeList(@CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const counting = await this.grades.countingPerLab(user.id);
    const titled = counting.map((grade) => ({
      grade,
      title: this.labs.all().find((m) => m.config.id === grade.mpId)?.config.title ?? grade.mpId,
    }));
    if (wantsHtml(req)) return void sendHtml(res, gradesPage(titled, user));
    res.send(
      titled.map(({ grade, title }) => ({
        mpId: grade.mpId,
        title,
        score: grade.score,
        maxScore: grade.maxScore,
        gradedAt: grade.gradedAt,
        passback: grade.passbackState,
      })),
    );
  }

  /** Also with the API key: the local client (`wb grade`) reads the grade it asked for. */
  @Get('grade/:mp_id')
  @SessionOrKeyAuth()
  @ApiOperation({ summary: "The student's counting grade in one lab, how it adds up, and the grade history" })
  @ApiJsonOrPage("the lab's grade page", {
    description:
      'The counting grade `{mpId, score, maxScore, attemptId, gradedAt, late, items, passback: {state, sentAt?, error?}}` and `history`, every grade in the lab.',
  })
  @ApiErrors({ 404: 'There is no such lab, or no grade in it yet.' })
  async grade(
    @Param('mp_id') mpId: string,
    @CurrentUser() user: RequestUser,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const mp = this.labs.require(mpId);
    const [counting, history] = await Promise.all([this.grades.counting(user.id, mpId), this.grades.history(user.id, mpId)]);
    if (!counting) throw new ApiError(HttpStatus.NOT_FOUND, `no grade yet for "${mp.config.title}"`);
    const current = visibleGrade(counting, mp, user);
    if (wantsHtml(req)) return void sendHtml(res, gradePage(mp, current, history, user, this.config.PASSBACK_MODE !== 'none'));
    res.send(gradeDetail(current, history));
  }
}
