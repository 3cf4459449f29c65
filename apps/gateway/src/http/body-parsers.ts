import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@wb/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { parse as parseJson } from 'secure-json-parse';

/** Large enough for any lab's program (the per-lab limit is checked later, with a clear 413). */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * A body over the limit is read to its end before the 413 goes out, so that the client, still
 * sending, gets the answer instead of a connection closed under it; past this much, the
 * connection is closed at once.
 */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** Form fields one request may carry; more is a client gone wrong, not a student's program. */
const FORM_FIELDS_MAX = 1000;

const ACCEPTED_TYPES = 'application/json or application/x-www-form-urlencoded (multipart/form-data only for the similarity import)';

/**
 * The bodies routes take: JSON and forms (every route takes both); multipart only where a route
 * reads it itself (the similarity import). A body of any other type, or of none named, is a 415
 * that names what the gateway takes.
 */
export function installBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', async (_req: FastifyRequest, payload: IncomingMessage) =>
    jsonBody(await readBody(payload)),
  );
  fastify.addContentTypeParser('application/x-www-form-urlencoded', async (_req: FastifyRequest, payload: IncomingMessage) =>
    formBody(await readBody(payload)),
  );
  fastify.addContentTypeParser('*', async (req: FastifyRequest, payload: IncomingMessage) => {
    if ((await readBody(payload)) !== '') throw unsupportedType(req.headers['content-type']);
    return undefined;
  });
}

/**
 * The body as text, within {@link BODY_LIMIT_BYTES}; a 413 once it is all read (or at once past
 * {@link DRAIN_MAX_BYTES}). Body-parsing errors are thrown as the API's errors, so the error
 * filter answers them like any other.
 */
function readBody(payload: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(payload.headers['content-length']);
    if (declared > DRAIN_MAX_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
      else if (size > DRAIN_MAX_BYTES) {
        payload.destroy();
        reject(tooLarge());
      }
    });
    payload.on('end', () => {
      if (size > BODY_LIMIT_BYTES) return reject(tooLarge());
      if (!Number.isNaN(declared) && declared !== size)
        return reject(new ApiError(HttpStatus.BAD_REQUEST, `the body has ${size} bytes, not the ${declared} its Content-Length says`));
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    payload.on('error', reject);
  });
}

function tooLarge(): ApiError {
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `request body is larger than ${BODY_LIMIT_BYTES / (1024 * 1024)} MB`);
}

function unsupportedType(type: string | undefined): ApiError {
  const named = type ? `a body of type "${type}"` : 'a body without a Content-Type';
  return new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `${named} is not taken here: send ${ACCEPTED_TYPES}`);
}

/**
 * An empty body is no fields, as clients that send a JSON content type with nothing after it
 * expect; otherwise the body must be an object or an array ("strict" JSON): a bare string or
 * number is nothing a route takes.
 */
function jsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    // __proto__ and constructor.prototype keys are refused: they would reach objects the routes build.
    parsed = parseJson(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    throw new ApiError(HttpStatus.BAD_REQUEST, `malformed JSON body: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new ApiError(HttpStatus.BAD_REQUEST, 'malformed JSON body: it must be an object or an array');
  }
  return parsed;
}

/**
 * A form's fields, flat (a repeated name is a list). A browser submitting an HTML form turns
 * every line break of a textarea into CRLF, whatever the student typed (the HTML
 * form-submission algorithm). The program the lab page's editor holds has LF, so a form post
 * (Grade, or Run and Save without JavaScript) would store a text that differs from the editor's
 * in every line, and the page would take it for a newer save from elsewhere.
 */
function formBody(text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...parseQueryString(text, '&', '=', { maxKeys: FORM_FIELDS_MAX }) };
  if (typeof fields.program === 'string') fields.program = fields.program.replace(/\r\n/g, '\n');
  return fields;
}
