import { Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig } from '@wb/common';
import type { Request, Response } from 'express';
import { setSessionCookie } from '../auth/session-cookie';
import { SessionsService } from '../auth/sessions.service';
import { LtiLaunchService } from './lti-launch.service';

/**
 * `POST /lti/launch`: where the course platform's LTI 1.1 link points (open it in a new window:
 * the session cookie is SameSite=Lax, which a frame inside another site never sends).
 */
@Controller('lti')
export class LtiController {
  constructor(
    private readonly launches: LtiLaunchService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post('launch')
  async launch(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The platform signed the public URL of this route, whatever proxy stands in front of us.
    const url = new URL(req.originalUrl, this.config.GATEWAY_URL).href;
    const { user, mp } = await this.launches.launch(formFields(req.body), url);
    setSessionCookie(res, await this.sessions.create(user), this.config);
    res.redirect(HttpStatus.SEE_OTHER, `/mp/${encodeURIComponent(mp.config.id)}`);
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
