import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@wb/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { assertSameOriginStateChange } from '../auth/same-origin';
import { sendError } from '../http/api-error.filter';
import { SESSION_COOKIE, SessionsService } from '../auth/sessions.service';

/**
 * The queue board is a Fastify plugin, not a controller, so the app's guard never sees its
 * requests: this is that guard's rule for it, run before each of them. An admin's login session
 * only (no API key: a key leaked to a script should not open the jobs' payloads, which hold
 * students' programs); 401 without a session, 403 for any other role, and a state change only
 * from our own origin. A refusal is answered here, as the app's error filter would: the board's
 * own error handler would make any error a 500.
 */
@Injectable()
export class AdminOnlyHook {
  constructor(private readonly sessions: SessionsService) {}

  readonly onRequest = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    try {
      await this.admit(req);
    } catch (err) {
      sendError(err, req, reply);
      return reply;
    }
  };

  private async admit(req: FastifyRequest): Promise<void> {
    const sessionId: string | undefined = req.cookies?.[SESSION_COOKIE];
    const user = sessionId ? await this.sessions.user(sessionId) : null;
    if (!user) throw new ApiError(HttpStatus.UNAUTHORIZED, 'log in first');
    (req as AuthenticatedRequest).user = user;
    if (user.role !== 'admin') throw new ApiError(HttpStatus.FORBIDDEN, 'the queue board needs the admin role');
    assertSameOriginStateChange(req);
  }
}
