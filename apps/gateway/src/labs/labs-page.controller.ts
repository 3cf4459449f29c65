import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AttemptsService } from '../attempts/attempts.service';
import { CurrentUser, SessionOrKeyAuth } from '../auth/auth.decorators';
import { GradesReader } from '../grading/grades-reader';
import { ApiJsonOrPage } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { labsPage } from './lab-pages';
import { labListEntry } from './lab-view';
import { LabsService } from './labs.service';
import type { RequestUser } from '../auth/authenticated-request';
import { sendHtml } from '../http/reply';

/** The home page: every lab in course order, with the user's standing and counting grade on each. */
@ApiTags('labs')
@Controller()
export class LabsPageController {
  constructor(
    private readonly labs: LabsService,
    private readonly attempts: AttemptsService,
    private readonly grades: GradesReader,
  ) {}

  /** The page, or (for JSON clients) the list: every lab in course order, with the caller's standing and grade. */
  @Get()
  @SessionOrKeyAuth()
  @ApiOperation({ summary: "Every lab in course order, with the caller's standing and counting grade" })
  @ApiJsonOrPage('the home page', {
    description:
      'Each lab as `{id, title, order, toolchain, toolchainName, device, deadline, best, grade}`: `best` is `passed` if an attempt passed, else the latest status (null before any); `grade` is `{score, maxScore}` or null.',
  })
  async home(@CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const [standings, grades] = await Promise.all([this.attempts.standings(user.id), this.grades.countingPerLab(user.id)]);
    if (wantsHtml(req)) return void sendHtml(res, labsPage(this.labs.all(), standings, grades, user));
    res.send(
      this.labs.all().map((mp) =>
        labListEntry(
          mp,
          standings.get(mp.config.id),
          grades.find((g) => g.mpId === mp.config.id),
        ),
      ),
    );
  }
}
