import { Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig } from '@wb/common';
import { ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, OUTAGE } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setSessionCookie } from '../auth/session-cookie';
import { SessionsService } from '../auth/sessions.service';
import { LtiLaunchService } from './lti-launch.service';
import { redirectTo } from '../http/reply';

/**
 * `POST /lti/launch`: where the course platform's LTI 1.1 link points (open it in a new window:
 * the session cookie is SameSite=Lax, which a frame inside another site never sends).
 */
@ApiTags('account')
@Controller('lti')
export class LtiController {
  constructor(
    private readonly launches: LtiLaunchService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post('launch')
  @ApiOperation({
    summary: 'An LTI 1.1 launch from the course platform: signs the student in and opens the lab',
    description:
      "A form post signed with OAuth 1.0a (HMAC-SHA1) with the course's consumer key and secret; the link's custom parameter `mp=<lab id>` names the lab. Records where the lab's grade goes (`lis_outcome_service_url`, `lis_result_sourcedid`); the course's instructors and teaching assistants become staff.",
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiResponse({ status: 303, description: "Signed in (the session cookie is set): sent to the lab's page." })
  @ApiErrors({
    400: 'A launch field is missing or wrong (message type, version, `user_id`, `custom_mp`), or one is given twice.',
    401: 'The signature, consumer key, timestamp (5 minutes of skew) or nonce (used once) is refused.',
    404: 'LTI launches are not configured here, or there is no such lab.',
    503: OUTAGE,
  })
  async launch(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    // The platform signed the public URL of this route, whatever proxy stands in front of us.
    const url = new URL(req.originalUrl, this.config.GATEWAY_URL).href;
    const { user, mp } = await this.launches.launch(formFields(req.body), url);
    setSessionCookie(res, await this.sessions.create(user), this.config);
    redirectTo(res, `/mp/${encodeURIComponent(mp.config.id)}`);
  }
}

/** The launch's form fields, each exactly once (a repeated one would sign differently here and there). */
function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) throw new ApiError(HttpStatus.BAD_REQUEST, 'an LTI launch is a form POST');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw new ApiError(HttpStatus.BAD_REQUEST, `the launch gives "${name}" more than once`);
    fields[name] = value;
  }
  return fields;
}
