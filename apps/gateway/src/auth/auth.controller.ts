import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig, User } from '@wb/common';
import { ApiCreatedResponse, ApiExcludeEndpoint, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, OUTAGE } from '@wb/common/http/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFormRedirect } from '../http/openapi-decorators';
import { wantsHtml } from '../http/wants-html';
import { loginPage, signupPage } from './auth-pages';
import { LoginThrottle } from './login-throttle';
import { localPathOr } from './local-path';
import { SignupThrottle } from './signup-throttle';
import { AccountResponse } from './dto/account.response';
import { LoginDto, SignupDto } from './dto/credentials.dto';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SESSION_COOKIE, SessionsService } from './sessions.service';
import { UsersService } from './users.service';
import { redirectTo, sendHtml } from '../http/reply';

const publicUser = (u: User): AccountResponse['user'] => ({ id: u.id, username: u.username, role: u.role });

@ApiTags('account')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly signups: SignupThrottle,
    private readonly config: AppConfig,
  ) {}

  @Get('login')
  @ApiExcludeEndpoint() // the login form, a page
  loginForm(@Query('next') next: string | undefined, @Res() res: FastifyReply): void {
    sendHtml(res, loginPage(localPathOr(next, '')));
  }

  @Get('signup')
  @ApiExcludeEndpoint() // the signup form, a page
  signupForm(@Res() res: FastifyReply): void {
    sendHtml(res, signupPage());
  }

  @Post('signup')
  @ApiOperation({ summary: 'Create a student account and sign in (sets the session cookie)' })
  @ApiCreatedResponse({ type: AccountResponse, description: 'Created and signed in: the session cookie is set.' })
  @ApiFormRedirect('the home page')
  @ApiErrors({
    400: 'The username is not 3–32 characters of a-z, 0-9, _ . -, or the password is shorter than 8.',
    409: 'The username is taken (a form post gets the form again, with the same status).',
    429: 'Too many signups from this address (`SIGNUP_MAX_PER_ADDRESS`): wait `Retry-After`.',
    503: OUTAGE,
  })
  async signup(@Body() dto: SignupDto, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    await this.signups.count(req.ip ?? 'unknown');
    let user: User;
    try {
      ({ user } = await this.users.create(dto.user, dto.pass));
    } catch (err) {
      // A taken name is the form's own error: show it on the form, with the status a taken name gets.
      if (!(err instanceof ApiError && err.getStatus() === HttpStatus.CONFLICT && wantsHtml(req))) throw err;
      return sendHtml(res, signupPage(`The username "${dto.user}" is taken: choose another.`), HttpStatus.CONFLICT);
    }
    setSessionCookie(res, await this.sessions.create(user), this.config);
    if (wantsHtml(req)) return redirectTo(res, '/');
    res.status(HttpStatus.CREATED).send({ user: publicUser(user) });
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in (sets the session cookie)' })
  @ApiOkResponse({ type: AccountResponse, description: 'Signed in: the session cookie is set.' })
  @ApiFormRedirect('`next` (a local path) or the home page')
  @ApiErrors({
    400: 'A field is missing or too long.',
    401: 'Wrong username or password (a form post gets the form again, with the same status).',
    429: 'Too many failed logins for this user or from this address: wait `Retry-After`.',
    503: OUTAGE,
  })
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const ip = req.ip ?? 'unknown';
    await this.throttle.assertAllowed(dto.user, ip);
    const user = await this.users.authenticate(dto.user, dto.pass);
    if (!user) {
      await this.throttle.recordFailure(dto.user, ip);
      if (wantsHtml(req)) return void sendHtml(res, loginPage(dto.next, 'Wrong username or password.'), 401);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'wrong username or password');
    }
    await this.throttle.reset(dto.user, ip);
    setSessionCookie(res, await this.sessions.create(user), this.config);
    if (wantsHtml(req)) return redirectTo(res, localPathOr(dto.next, '/'));
    res.send({ user: publicUser(user) });
  }

  @Post('logout')
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session).' })
  @ApiFormRedirect('/login')
  @ApiErrors({ 503: OUTAGE })
  async logout(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const sessionId = req.cookies?.[SESSION_COOKIE];
    if (sessionId) await this.sessions.destroy(sessionId);
    clearSessionCookie(res, this.config);
    if (wantsHtml(req)) return redirectTo(res, '/login');
    res.status(HttpStatus.NO_CONTENT).send();
  }
}
