import { Controller, Get, Req, Res } from '@nestjs/common';
import { RecentLogLogger } from '@wb/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';

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
  recent(@Req() req: Request, @Res() res: Response): void {
    if (wantsHtml(req)) return res.redirect(303, '/admin/log');
    res.json({ lines: this.log.recent() });
  }
}
