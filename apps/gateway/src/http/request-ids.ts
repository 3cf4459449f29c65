import { REQUEST_ID_HEADER, requestIdFrom, withLogContext } from '@wb/common';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** Fastify's `genReqId`: the client's X-Request-Id when it is sane, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  return requestIdFrom(req.headers[REQUEST_ID_HEADER]);
}

/**
 * Answers each request's id in X-Request-Id (from the first hook, so that every answer has one,
 * a refused body's too), and has every log line made while a route handles the request carry
 * it, the run job it queues too. The context is entered just before the route: the body is read
 * in between, in callbacks of the socket that would not carry it.
 */
export function installRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => withLogContext({ requestId: request.id }, done));
}
