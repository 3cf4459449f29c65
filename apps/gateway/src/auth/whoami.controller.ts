import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildPlatform } from '../downloads/client-downloads';
import { ApiFormRedirect, ApiJsonOrPage } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { whoamiPage } from './whoami-page';
import { CurrentUser, SessionAuth, SessionOrKeyAuth } from './auth.decorators';
import { ApiKeyResponse, WhoamiResponse } from './dto/account.response';
import { UsersService } from './users.service';
import type { RequestUser } from './authenticated-request';
import { redirectTo, sendHtml } from '../http/reply';

@ApiTags('account')
@Controller('whoami')
export class WhoamiController {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @SessionOrKeyAuth()
  @ApiOperation({ summary: 'Who is signed in, with their API key' })
  @ApiJsonOrPage('the account page', { type: WhoamiResponse, description: 'The signed-in user.' })
  async whoami(@CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const body: WhoamiResponse = { id: user.id, username: user.username, role: user.role, apiKey: await this.users.apiKeyOf(user.id) };
    if (wantsHtml(req)) return void sendHtml(res, whoamiPage(body, this.config.GATEWAY_URL, buildPlatform(), user));
    res.send(body);
  }

  @Post('api_key')
  @HttpCode(HttpStatus.OK)
  @SessionAuth()
  @ApiOperation({ summary: 'Replace the API key; the old one stops working at once' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The new key.' })
  @ApiFormRedirect('/whoami')
  async regenerate(@CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const apiKey = await this.users.regenerateApiKey(user.id);
    if (wantsHtml(req)) return redirectTo(res, '/whoami');
    res.send({ apiKey } satisfies ApiKeyResponse);
  }
}
