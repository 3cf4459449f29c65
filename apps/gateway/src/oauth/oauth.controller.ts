import { Controller, Get, HttpStatus, Query, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig } from '@wb/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, OUTAGE } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Passport } from 'passport';
import { localPathOr } from '../auth/local-path';
import { setSessionCookie } from '../auth/session-cookie';
import { SessionsService } from '../auth/sessions.service';
import { OAuthProvider } from './oauth-provider';
import type { LoginRequest, LoginState } from './oauth-state-store';
import { redirectTo } from '../http/reply';
import { OAuthUsers, ProviderIdentity } from './oauth-users';

interface Outcome {
  identity: ProviderIdentity | false;
  /** On failure the state store's message; on success passport-oauth2 puts the stored state under `state`. */
  info?: { message?: string; state?: LoginState };
}

/** `/oauth_login`: sign in through the course's OAuth2 provider (authorization code flow). */
@ApiTags('account')
@Controller('oauth_login')
@ApiErrors({ 404: 'No OAuth2 login provider is configured on this server.', 503: OUTAGE })
export class OAuthController {
  // A passport of its own: nothing else in the gateway uses passport, and no passport session.
  private readonly passport = new Passport();

  constructor(
    private readonly provider: OAuthProvider,
    private readonly users: OAuthUsers,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  /** Redirects to the provider; `origin` is where to land afterwards, a local path only. */
  @Get()
  @ApiOperation({ summary: "Sign in through the course's OAuth2 provider (authorization code flow)" })
  @ApiQuery({ name: 'origin', type: String, required: false, description: 'Where to land after the login: a local path (default /).' })
  @ApiResponse({ status: 302, description: "Sent to the provider's authorization page." })
  async start(@Query('origin') origin: unknown, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    this.provider.require();
    const state: LoginState = { origin: localPathOr(typeof origin === 'string' ? origin : undefined, '/') };
    await this.authenticate(req, res, { session: false, state });
  }

  @Get('callback')
  @ApiOperation({ summary: 'Where the provider sends the browser back: signs the user in' })
  @ApiResponse({ status: 302, description: 'Signed in (the session cookie is set): sent to the `origin` the login started with.' })
  @ApiErrors({
    400: 'The login state is missing, used or expired, or the provider refused (a denied consent, a bad code).',
    502: 'The provider could not be reached.',
  })
  async callback(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    this.provider.require();
    const outcome = await this.authenticate(req, res, { session: false });
    if (!outcome) return; // passport answered (it never does here without an error, but stay safe)
    if (!outcome.identity) {
      const message = outcome.info?.message ?? 'the login could not be completed';
      throw new ApiError(HttpStatus.BAD_REQUEST, `bad state: ${message}; start the login again`);
    }
    const user = await this.users.findOrCreate(outcome.identity);
    setSessionCookie(res, await this.sessions.create(user), this.config);
    // What was stored at the start; checked again so that only a local path is ever followed.
    redirectTo(res, localPathOr(outcome.info?.state?.origin, '/'), 302);
  }

  /**
   * Runs the strategy; resolves with its verdict, or undefined once passport has answered itself
   * (the redirect to the provider), which it does through the little of a response it uses.
   */
  private authenticate(req: FastifyRequest, reply: FastifyReply, options: object): Promise<Outcome | undefined> {
    return new Promise((resolve, reject) => {
      const res = {
        statusCode: 302,
        setHeader: (name: string, value: string) => void reply.header(name, value),
        end: () => {
          reply.status(res.statusCode).send();
          resolve(undefined);
        },
      };
      const handler = this.passport.authenticate(
        this.provider.strategy!,
        options,
        (err: Error | null, identity: ProviderIdentity | false, info?: Outcome['info']) =>
          err ? reject(providerError(err)) : resolve({ identity, info }),
      ) as (req: LoginRequest, res: object, next: (err?: unknown) => void) => void;
      handler(Object.assign(req, { loginReply: reply }), res, (err) => reject(providerError(err as Error)));
    });
  }
}

/** The provider refused (a denied consent, a bad or used code) or could not be reached. */
function providerError(err: Error): ApiError {
  if (err instanceof ApiError) return err;
  if (err.name === 'AuthorizationError' || err.name === 'TokenError') {
    return new ApiError(HttpStatus.BAD_REQUEST, `the login provider refused: ${err.message}`);
  }
  return new ApiError(HttpStatus.BAD_GATEWAY, `the login provider could not be reached: ${err.message}`);
}
