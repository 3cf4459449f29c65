import { generateKeyPairSync, KeyObject, randomBytes, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

/** One score the stub accepted (AGS score JSON, with the line item it was posted to). */
export interface ReceivedScore {
  lineItem: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
}

export interface Lti13PlatformStub {
  tokenUrl: string;
  /** Line item URL template for LTI13_LINEITEM_URL ({mpId} is the lab). */
  lineItemTemplate: string;
  clientId: string;
  /** The tool's key pair: the grader signs with the private half, the stub checks with the public. */
  privateKeyPem: string;
  received: ReceivedScore[];
  /** Why the stub refused requests, newest last. */
  refusals: string[];
  close: () => Promise<void>;
}

const b64json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * An LTI 1.3 platform's token endpoint and AGS score service. It checks the client assertion
 * itself with node:crypto (RS256 signature, iss = sub = client id, aud = its token URL, not
 * expired, jti unused) before issuing a token, and the token and content type on each score.
 */
export async function startLti13PlatformStub(): Promise<Lti13PlatformStub> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = 'wb-tool-client';
  const tokens = new Set<string>();
  const seenJti = new Set<string>();
  const received: ReceivedScore[] = [];
  const refusals: string[] = [];
  let base = '';

  const refuse = (res: ServerResponse, status: number, why: string) => {
    refusals.push(why);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: why }));
  };

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      try {
        handle(req, res, body);
      } catch (err) {
        refuse(res, 500, `stub error: ${(err as Error).message}`);
      }
    });
  });
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', base);
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials') return refuse(res, 400, 'grant_type must be client_credentials');
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return refuse(res, 400, 'bad client_assertion_type');
      if (!form.get('scope')?.split(' ').includes('https://purl.imsglobal.org/spec/lti-ags/scope/score'))
        return refuse(res, 400, 'score scope missing');
      const problem = checkAssertion(form.get('client_assertion') ?? '', publicKey, clientId, `${base}/token`, seenJti);
      if (problem) return refuse(res, 401, problem);
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') }));
    }
    const scores = /^\/lineitems\/([^/]+)\/scores$/.exec(url.pathname);
    if (req.method === 'POST' && scores) {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !tokens.has(token)) return refuse(res, 401, 'unknown access token');
      if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json') return refuse(res, 415, 'not a score');
      const score = JSON.parse(body) as Omit<ReceivedScore, 'lineItem'>;
      received.push({ lineItem: decodeURIComponent(scores[1]), ...score });
      res.writeHead(200);
      return res.end();
    }
    refuse(res, 404, `no route ${req.method} ${url.pathname}`);
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    tokenUrl: `${base}/token`,
    lineItemTemplate: `${base}/lineitems/{mpId}`,
    clientId,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    received,
    refusals,
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
}

function checkAssertion(jwt: string, publicKey: KeyObject, clientId: string, audience: string, seenJti: Set<string>): string | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'the client assertion is not a JWT';
  const header = b64json(parts[0]);
  const claims = b64json(parts[1]);
  if (header.alg !== 'RS256') return 'the assertion must be RS256';
  const signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2], 'base64url'));
  if (!signed) return 'the assertion signature does not verify';
  if (claims.iss !== clientId || claims.sub !== clientId) return 'iss and sub must be the client id';
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(audience)) return 'aud must be the token endpoint';
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp < now || typeof claims.iat !== 'number' || claims.iat > now + 60)
    return 'expired or future assertion';
  if (typeof claims.jti !== 'string' || seenJti.has(claims.jti)) return 'jti missing or reused';
  seenJti.add(claims.jti);
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
