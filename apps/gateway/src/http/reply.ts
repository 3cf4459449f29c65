import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@wb/common';
import contentDisposition from 'content-disposition';
import encodeUrl from 'encodeurl';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * The few answers the gateway's routes give that Fastify's reply does not spell out itself: a
 * page, a redirect and an attachment, each with the headers browsers and clients have always had
 * from the gateway.
 */

/** A server-rendered page. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): void {
  reply.status(status).type('text/html; charset=utf-8').send(html);
}

/**
 * A redirect (303 after a form post: the browser then GETs the target). The location is
 * percent-encoded where it needs to be: a lab id or a `next` path with characters a header may
 * not carry would otherwise make the answer fail.
 */
export function redirectTo(reply: FastifyReply, location: string, status = 303): void {
  reply.redirect(encodeUrl(location), status);
}

/** Marks the answer as a download saved under `filename` (quoted and encoded as RFC 6266 asks). */
export function asAttachment(reply: FastifyReply, filename: string): FastifyReply {
  return reply.header('Content-Disposition', contentDisposition(filename));
}

/**
 * A file from the server's disk as a download: streamed, with its length and modification time.
 * The caller has chosen the path from the server's own list; nothing from the request reaches it.
 */
export async function sendFileDownload(reply: FastifyReply, path: string, filename: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isFile()) throw new ApiError(HttpStatus.NOT_FOUND, `${filename} is not on this server`);
  asAttachment(reply, filename)
    .type('application/octet-stream')
    .header('Content-Length', stats.size)
    .header('Last-Modified', stats.mtime.toUTCString())
    .send(createReadStream(path));
}

/** Bytes that change rarely (a packed archive) with the ETag of their content, worked out once. */
export interface TaggedBody {
  body: Buffer;
  etag: string;
}

export function tagged(body: Buffer): TaggedBody {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** The bytes with their ETag, and a 304 to a client that already holds them. */
export function sendWithEtag(request: FastifyRequest, reply: FastifyReply, { body, etag }: TaggedBody): void {
  reply.header('ETag', etag);
  if (request.headers['if-none-match'] === etag) return void reply.status(304).send();
  reply.send(body);
}
