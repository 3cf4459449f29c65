import { Body, Controller, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { GradeDto } from './dto/grade.dto';
import { GradingService } from './grading.service';
import type { RequestUser } from '../auth/authenticated-request';

@Controller('mp/:mp_id')
export class GradingController {
  constructor(
    private readonly grading: GradingService,
    private readonly labs: LabsService,
  ) {}

  /** API key (Bearer or body `api_key`) for the local client; the session for the lab page's button. */
  @Post('grade')
  @SessionOrKeyAuth()
  async grade(
    @Param('mp_id') mpId: string,
    @Body() dto: GradeDto,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const program = dto.program === undefined || dto.program === '' ? undefined : dto.program;
    const attempt = await this.grading.start(user, this.labs.require(mpId), program);
    if (wantsHtml(req)) return res.redirect(303, `/mp/${encodeURIComponent(mpId)}/attempt/${attempt.id}`);
    res.status(HttpStatus.ACCEPTED).json({ attemptId: attempt.id });
  }

  @Post('submit_grade')
  @SessionAuth()
  async submitGrade(@Param('mp_id') mpId: string, @CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response) {
    await this.grading.requestPassback(user, this.labs.require(mpId));
    if (wantsHtml(req)) return res.redirect(303, `/grade/${encodeURIComponent(mpId)}`);
    res.status(HttpStatus.ACCEPTED).json({ passback: 'queued' });
  }
}
