import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '@wb/common';
import { SESSION_COOKIE } from './sessions.service';

function options(config: AppConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' };
}

export function setSessionCookie(res: Response, sessionId: string, config: AppConfig): void {
  res.cookie(SESSION_COOKIE, sessionId, { ...options(config), maxAge: config.SESSION_TTL_S * 1000 });
}

export function clearSessionCookie(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, options(config));
}
