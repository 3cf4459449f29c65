import type { Request } from 'express';

/** A request whose Accept prefers text/html gets a page; anything else gets JSON. */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}
