import { Controller, Get, Req, Res } from '@nestjs/common';
import { RecentLogLogger } from '@wb/common';
import type { Request, Response } from 'express';
import { SessionAuth } from '../auth/auth.decorators';
import { wantsHtml } from '../http/wants-html';

/** `GET /log` (admin): this gateway's recent log lines; browsers get the staff page. */
@Controller('log')
export class LogController {
  constructor(private readonly log: RecentLogLogger) {}

  @Get()
  @SessionAuth('admin')
  recent(@Req() req: Request, @Res() res: Response): void {
    if (wantsHtml(req)) return res.redirect(303, '/admin/log');
    res.json({ lines: this.log.recent() });
  }
}
