import type { INestApplication } from '@nestjs/common';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

/**
 * gzip (or deflate) for what the gateway sends when the client accepts it: the lab page's editor
 * bundle shrinks from about 550 KB to about 180 KB, attempts and grade tables to a fraction. An
 * event stream is left alone: compression would hold each live status back in its buffer. Only
 * reads are compressed: what a POST or PUT answers is a few bytes (an id, a revision, a redirect),
 * and wrapping those responses cost an autosave a few percent of the gateway's CPU for nothing.
 */
export function installResponseCompression(app: INestApplication): void {
  const compress = compression({
    filter: (req: Request, res: Response) =>
      !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.method === 'GET' || req.method === 'HEAD' ? compress(req, res, next) : next(),
  );
}
