import { HttpStatus, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '@wb/common';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { assertSameOriginStateChange } from '../auth/same-origin';
import { SESSION_COOKIE, SessionsService } from '../auth/sessions.service';

/**
 * The queue board is middleware, not a controller, so the app's guard never sees its requests:
 * this is that guard's rule for it. An admin's login session only (no API key: a key leaked to
 * a script should not open the jobs' payloads, which hold students' programs); 401 without a
 * session, 403 for any other role, and a state change only from our own origin.
 */
@Injectable()
export class AdminOnlyMiddleware implements NestMiddleware {
  constructor(private readonly sessions: SessionsService) {}

  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    try {
      const sessionId: string | undefined = req.cookies?.[SESSION_COOKIE];
      const user = sessionId ? await this.sessions.user(sessionId) : null;
      if (!user) throw new ApiError(HttpStatus.UNAUTHORIZED, 'log in first');
      (req as AuthenticatedRequest).user = user;
      if (user.role !== 'admin') throw new ApiError(HttpStatus.FORBIDDEN, 'the queue board needs the admin role');
      assertSameOriginStateChange(req);
      next();
    } catch (err) {
      next(err);
    }
  }
}
