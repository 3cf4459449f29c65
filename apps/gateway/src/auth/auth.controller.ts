import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiError, AppConfig, User } from '@wb/common';
import type { Request, Response } from 'express';
import { wantsHtml } from '../http/wants-html';
import { loginPage, signupPage } from './auth-pages';
import { LoginThrottle } from './login-throttle';
import { localPathOr } from './local-path';
import { SignupThrottle } from './signup-throttle';
import { LoginDto, SignupDto } from './dto/credentials.dto';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SESSION_COOKIE, SessionsService } from './sessions.service';
import { UsersService } from './users.service';

const publicUser = (u: { id: string; username: string; role: string }) => ({ id: u.id, username: u.username, role: u.role });

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
  loginForm(@Query('next') next: string | undefined, @Res() res: Response): void {
    res.type('html').send(loginPage(localPathOr(next, '')));
  }

  @Get('signup')
  signupForm(@Res() res: Response): void {
    res.type('html').send(signupPage());
  }

  @Post('signup')
  async signup(@Body() dto: SignupDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.signups.count(req.ip ?? 'unknown');
    let user: User;
    try {
      ({ user } = await this.users.create(dto.user, dto.pass));
    } catch (err) {
      // A taken name is the form's own error: show it on the form, with the status a taken name gets.
      if (!(err instanceof ApiError && err.getStatus() === HttpStatus.CONFLICT && wantsHtml(req))) throw err;
      return void res
        .status(HttpStatus.CONFLICT)
        .type('html')
        .send(signupPage(`The username "${dto.user}" is taken: choose another.`));
    }
    setSessionCookie(res, await this.sessions.create(user), this.config);
    if (wantsHtml(req)) return res.redirect(303, '/');
    res.status(HttpStatus.CREATED).json({ user: publicUser(user) });
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ip = req.ip ?? 'unknown';
    await this.throttle.assertAllowed(dto.user, ip);
    const user = await this.users.authenticate(dto.user, dto.pass);
    if (!user) {
      await this.throttle.recordFailure(dto.user, ip);
      if (wantsHtml(req)) return void res.status(401).type('html').send(loginPage(dto.next, 'Wrong username or password.'));
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'wrong username or password');
    }
    await this.throttle.reset(dto.user, ip);
    setSessionCookie(res, await this.sessions.create(user), this.config);
    if (wantsHtml(req)) return res.redirect(303, localPathOr(dto.next, '/'));
    res.json({ user: publicUser(user) });
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const sessionId = req.cookies?.[SESSION_COOKIE];
    if (sessionId) await this.sessions.destroy(sessionId);
    clearSessionCookie(res, this.config);
    if (wantsHtml(req)) return res.redirect(303, '/login');
    res.status(HttpStatus.NO_CONTENT).end();
  }
}
