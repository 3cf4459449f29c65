import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config';
import { WorkerApiClient } from './worker-api-client';

const TOKEN = 't'.repeat(32);
const TIMEOUT_MS = 300;

/** A stand-in worker on a free port; each test says how it answers. */
describe('WorkerApiClient', () => {
  let server: Server;
  let url: string;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: IncomingMessage[] = [];
  const client = new WorkerApiClient({ WORKER_TOKEN: TOKEN, HEALTH_PROBE_TIMEOUT_MS: TIMEOUT_MS } as AppConfig);
  const cpuWorker = () => ({ url, gpuProbe: false, toolchains: ['cpp' as const] });

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      answer(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    seen.length = 0;
  });

  afterAll(async () => {
    server.closeAllConnections(); // the answers left stalled
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it('sends the worker token as a bearer header and asks for JSON', async () => {
    answer = json(200, { lines: ['a'] });
    await client.log({ url });
    expect(seen[0].url).toBe('/log');
    expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0].headers.accept).toBe('application/json');
  });

  it("returns the worker's log lines, or only the last ones asked for", async () => {
    answer = json(200, { lines: ['one', 'two', 'three'] });
    expect(await client.log({ url })).toEqual({ ok: true, body: { lines: ['one', 'two', 'three'] } });
    expect(await client.log({ url }, { lines: 2 })).toEqual({ ok: true, body: { lines: ['two', 'three'] } });
    expect(await client.log({ url }, { lines: 0 })).toEqual({ ok: true, body: { lines: [] } });
  });

  it('says so when a 2xx is not a JSON list of lines', async () => {
    answer = (_req, res) => res.writeHead(200).end('<html>a proxy page</html>');
    expect(await client.log({ url })).toEqual({ ok: false, reason: 'GET /log answered without a JSON list of lines' });
    answer = json(200, { lines: 'not a list' });
    expect(await client.log({ url })).toEqual({ ok: false, reason: 'GET /log answered without a JSON list of lines' });
    answer = json(200, null);
    expect(await client.log({ url })).toEqual({ ok: false, reason: 'GET /log answered without a JSON list of lines' });
  });

  it("quotes the worker's own words for a non-2xx: its API error, or a dead GPU's reason", async () => {
    answer = json(401, { error: 'this route needs the worker token' });
    expect(await client.log({ url })).toEqual({ ok: false, reason: 'GET /log answered 401: this route needs the worker token' });
    answer = json(503, { alive: false, reason: 'kernel failed: no CUDA-capable device' });
    expect(await client.probe({ url, gpuProbe: true, toolchains: [] })).toEqual({
      ok: false,
      reason: 'GET /is_gpu_alive answered 503: kernel failed: no CUDA-capable device',
    });
  });

  it('quotes a non-JSON refusal, cut short, and says when there was no body at all', async () => {
    answer = (_req, res) => res.writeHead(502).end('x'.repeat(2_000));
    expect(await client.probe(cpuWorker())).toEqual({ ok: false, reason: `GET /status answered 502: ${'x'.repeat(500)}` });
    answer = (_req, res) => res.writeHead(500).end();
    expect(await client.probe(cpuWorker())).toEqual({ ok: false, reason: 'GET /status answered 500: (no body)' });
  });

  it('probes /status on a CPU worker and /is_gpu_alive on a GPU one; any 2xx is alive', async () => {
    answer = json(200, { paused: false });
    expect(await client.probe(cpuWorker())).toEqual({ ok: true });
    expect(await client.probe({ url, gpuProbe: false, toolchains: ['cuda'] })).toEqual({ ok: true });
    expect(seen.map((r) => r.url)).toEqual(['/status', '/is_gpu_alive']);
  });

  it('gives up after the configured timeout, or the one the call asks for', async () => {
    answer = () => undefined; // never answers
    expect(await client.probe(cpuWorker())).toEqual({ ok: false, reason: `GET /status did not answer within ${TIMEOUT_MS} ms` });
    expect(await client.log({ url }, { timeoutMs: 100 })).toEqual({ ok: false, reason: 'GET /log did not answer within 100 ms' });
  });

  it('gives up on a worker that stalls halfway through its body', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"lines": ["a",');
    expect(await client.log({ url })).toEqual({ ok: false, reason: `GET /log did not answer within ${TIMEOUT_MS} ms` });
  });

  it('names the network error of a worker that is not listening', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await client.log({ url: `http://127.0.0.1:${port}` })).toEqual({ ok: false, reason: 'GET /log failed: ECONNREFUSED' });
  });
});
