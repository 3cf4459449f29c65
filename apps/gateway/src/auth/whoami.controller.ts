import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import type { Request, Response } from 'express';
import { wantsHtml } from '../http/wants-html';
import { whoamiPage } from './whoami-page';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from './auth.decorators';
import { UsersService } from './users.service';
import type { RequestUser } from './authenticated-request';

@Controller('whoami')
export class WhoamiController {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @SessionOrKeyAuth()
  async whoami(@CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = { id: user.id, username: user.username, role: user.role, apiKey: await this.users.apiKeyOf(user.id) };
    if (wantsHtml(req)) return void res.type('html').send(whoamiPage(body, this.config.GATEWAY_URL, user));
    res.json(body);
  }

  @Post('api_key')
  @HttpCode(HttpStatus.OK)
  @SessionAuth()
  async regenerate(@CurrentUser() user: RequestUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const apiKey = await this.users.regenerateApiKey(user.id);
    if (wantsHtml(req)) return res.redirect(303, '/whoami');
    res.json({ apiKey });
  }
}
