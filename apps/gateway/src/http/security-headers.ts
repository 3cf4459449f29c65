import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** HSTS's lifetime: half a year, renewed by every answer over HTTPS. */
const HSTS_MAX_AGE_S = 180 * 24 * 3600;

/**
 * The browser's own defences, on every answer (helmet's headers, built once; about 2 µs a request).
 * The pages show what students' programs print and what they write in their code, so that even a
 * text that escapes our escaping cannot act as a script:
 * - Content-Security-Policy: scripts only from the gateway's own origin (no inline script, no
 *   event-handler attribute, no eval; of what the origin serves, only `/assets/…` is JavaScript,
 *   and nosniff keeps a program served as text from running as one), nothing embedded from
 *   other sites, no <base>,
 *   forms post only here, and no other site may frame the pages (clickjacking on the staff pages'
 *   buttons). Inline styles stay allowed: the editor (CodeMirror) and Swagger UI write their own
 *   <style>; a style cannot run code.
 * - Referrer-Policy `same-origin`: an attempt's address never reaches a site a lab links to.
 *   Not helmet's `no-referrer`, under which a browser sends `Origin: null` with a form's POST,
 *   which the same-origin check (auth/same-origin.ts) refuses.
 * - Strict-Transport-Security when the public address (GATEWAY_URL) is HTTPS: a browser then never
 *   sends the session cookie in clear to this host. Not for subdomains, which the platform does not own.
 * - X-Content-Type-Options nosniff (a program served as text is never read as HTML), COOP and
 *   CORP same-origin, and the rest of helmet's defaults.
 */
export function installSecurityHeaders(fastify: FastifyInstance, publicUrl: string): void {
  const https = new URL(publicUrl).protocol === 'https:';
  const secure = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
  // helmet's middleware passes an error only for a directive computed per request; these are fixed.
  fastify.addHook('onRequest', (request, reply, done) => secure(request.raw, reply.raw, (err) => done(err as Error | undefined)));
}
