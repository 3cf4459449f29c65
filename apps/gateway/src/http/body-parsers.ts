import type { INestApplication } from '@nestjs/common';
import { json, NextFunction, Request, Response, urlencoded } from 'express';
import { errorPage } from './error-page';
import { wantsHtml } from './wants-html';

/** Large enough for any lab's program (the per-lab limit is checked later, with a clear 413). */
const BODY_LIMIT = '2mb';

/**
 * JSON and form bodies (every route takes both). The parsers run before Nest's routing, so their
 * errors (malformed JSON, a body over the limit) are turned into the API's error shape here.
 */
export function installBodyParsers(app: INestApplication): void {
  app.use(json({ limit: BODY_LIMIT }));
  app.use(urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(programLineEndingsFromForms);
  app.use((err: { status?: number; type?: string; message?: string }, req: Request, res: Response, next: NextFunction) => {
    if (!err || typeof err.status !== 'number' || err.status >= 500) return next(err);
    const message =
      err.type === 'entity.parse.failed'
        ? `malformed JSON body: ${err.message}`
        : err.type === 'entity.too.large'
          ? `request body is larger than ${BODY_LIMIT}`
          : (err.message ?? 'bad request');
    res.status(err.status);
    if (wantsHtml(req)) res.type('html').send(errorPage(err.status, message));
    else res.json({ error: message });
  });
}

/**
 * A browser submitting an HTML form turns every line break of a textarea into CRLF, whatever the
 * student typed (the HTML form-submission algorithm). The program the lab page's editor holds has
 * LF, so a form post (Grade, or Run and Save without JavaScript) would store a text that differs
 * from the editor's in every line, and the page would take it for a newer save from elsewhere.
 */
function programLineEndingsFromForms(req: Request, _res: Response, next: NextFunction): void {
  const body = req.body as { program?: unknown } | undefined;
  if (req.is('application/x-www-form-urlencoded') && typeof body?.program === 'string') body.program = body.program.replace(/\r\n/g, '\n');
  next();
}
