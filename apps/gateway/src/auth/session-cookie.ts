import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '@wb/common';
import { SESSION_COOKIE } from './sessions.service';

function options(config: AppConfig): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' };
}

export function setSessionCookie(res: FastifyReply, sessionId: string, config: AppConfig): void {
  const ttlSeconds = config.SESSION_TTL_S;
  res.setCookie(SESSION_COOKIE, sessionId, { ...options(config), maxAge: ttlSeconds, expires: new Date(Date.now() + ttlSeconds * 1000) });
}

export function clearSessionCookie(res: FastifyReply, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, options(config));
}
