import { Body, Controller, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { LabsService } from '../labs/labs.service';
import { SubmitDto } from './dto/submit.dto';
import { SubmissionsService } from './submissions.service';
import type { RequestUser } from '../auth/authenticated-request';

@Controller('mp/:mp_id')
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly labs: LabsService,
  ) {}

  @Post('submit')
  @SessionOrKeyAuth()
  async submit(
    @Param('mp_id') mpId: string,
    @Body() dto: SubmitDto,
    @CurrentUser() user: RequestUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const attempt = await this.submissions.submit(user, this.labs.require(mpId), dto.program, dto.dataset);
    if (wantsHtml(req)) return res.redirect(303, `/mp/${encodeURIComponent(mpId)}/attempt/${attempt.id}`);
    res.status(HttpStatus.ACCEPTED).json({ attemptId: attempt.id, status: attempt.status });
  }
}
