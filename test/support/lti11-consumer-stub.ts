import { createHash, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server } from 'node:http';
import { referenceOAuthSignature } from './oauth1-reference';

/** One replaceResult the stub accepted. */
export interface ReceivedOutcome {
  sourcedId: string;
  score: number;
}

export interface Lti11ConsumerStub {
  url: string;
  key: string;
  secret: string;
  received: ReceivedOutcome[];
  /** Requests seen, accepted or not (the retries are counted here). */
  requests: number;
  /** Answer the next `n` requests with `status` before accepting again. */
  failNext: (n: number, status: number) => void;
  close: () => Promise<void>;
}

/**
 * An LTI 1.1 tool consumer's outcome service, as Coursera or an LMS runs it: it checks the OAuth
 * 1.0a HMAC-SHA1 signature and body hash itself (with the tests' own signature, not the
 * grader's signer, so a shared mistake cannot pass), then reads the replaceResult XML.
 */
export async function startLti11ConsumerStub(): Promise<Lti11ConsumerStub> {
  const key = 'course-consumer-key';
  const secret = 'course-consumer-secret';
  const received: ReceivedOutcome[] = [];
  const failures: number[] = [];
  let requests = 0;
  let url = '';

  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests += 1;
      const reply = (status: number, codeMajor: string, description: string) => {
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"><imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version><imsx_messageIdentifier>1</imsx_messageIdentifier><imsx_statusInfo><imsx_codeMajor>${codeMajor}</imsx_codeMajor><imsx_severity>status</imsx_severity><imsx_description>${description}</imsx_description></imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader><imsx_POXBody><replaceResultResponse/></imsx_POXBody></imsx_POXEnvelopeResponse>`,
        );
      };
      const forced = failures.shift();
      if (forced !== undefined) return reply(forced, 'failure', forced === 401 ? 'the consumer key is not known' : 'try again later');
      const problem = verifySignature(req, body, url, key, secret);
      if (problem) return reply(401, 'failure', problem);
      const sourcedId = /<sourcedId>([^<]*)<\/sourcedId>/.exec(body)?.[1];
      const score = /<textString>([^<]*)<\/textString>/.exec(body)?.[1];
      if (!body.includes('<replaceResultRequest>') || sourcedId === undefined || score === undefined) {
        return reply(400, 'failure', 'not a replaceResult request');
      }
      received.push({ sourcedId, score: Number(score) });
      reply(200, 'success', 'score replaced');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/outcomes?context=hpp`;

  return {
    url,
    key,
    secret,
    received,
    get requests() {
      return requests;
    },
    failNext: (n, status) => failures.push(...Array.from({ length: n }, () => status)),
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Null when the request is signed correctly; else what is wrong. */
function verifySignature(req: IncomingMessage, body: string, url: string, key: string, secret: string): string | null {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('OAuth ')) return 'no OAuth Authorization header';
  const params: Record<string, string> = {};
  for (const part of header.slice(6).split(',')) {
    const m = /^\s*([^=]+)="([^"]*)"\s*$/.exec(part);
    if (!m) return `malformed OAuth parameter ${part}`;
    params[decodeURIComponent(m[1])] = decodeURIComponent(m[2]);
  }
  if (params.oauth_consumer_key !== key) return 'unknown consumer key';
  if (params.oauth_signature_method !== 'HMAC-SHA1') return 'signature method must be HMAC-SHA1';
  if (Math.abs(Date.now() / 1000 - Number(params.oauth_timestamp)) > 300) return 'stale timestamp';
  if (params.oauth_body_hash !== createHash('sha1').update(body).digest('base64')) return 'body hash mismatch';
  const expected = Buffer.from(referenceOAuthSignature(url, params, secret), 'base64');
  const given = Buffer.from(params.oauth_signature ?? '', 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'signature mismatch';
}
