import accepts from 'accepts';
import type { FastifyRequest } from 'fastify';

/** A request whose Accept prefers text/html gets a page; anything else (no Accept included) gets JSON. */
export function wantsHtml(req: FastifyRequest): boolean {
  return accepts(req.raw).type(['json', 'html']) === 'html';
}
