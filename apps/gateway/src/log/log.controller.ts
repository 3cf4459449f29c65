import { Controller, Get, Req, Res } from '@nestjs/common';
import { RecentLogLogger } from '@wb/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';
import { redirectTo } from '../http/reply';

/** `GET /log` (admin): this gateway's recent log lines; browsers get the staff page. */
@ApiTags('operations')
@Controller('log')
export class LogController {
  constructor(private readonly log: RecentLogLogger) {}

  @Get()
  @SessionAuth('admin')
  @ApiOperation({ summary: "This gateway's recent log lines, every process's, each naming its pid" })
  @ApiOkResponse({ description: '`{lines}`, oldest first.' })
  @ApiResponse({ status: 303, description: 'A browser (Accept: text/html) is sent to the log page, /admin/log.' })
  recent(@Req() req: FastifyRequest, @Res() res: FastifyReply): void {
    if (wantsHtml(req)) return redirectTo(res, '/admin/log');
    res.send({ lines: this.log.recent() });
  }
}
