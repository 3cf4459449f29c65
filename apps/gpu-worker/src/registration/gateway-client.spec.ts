import { AppConfig, RunResultsReport } from '@wb/common';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayClient, ReportUndeliverable } from './gateway-client';
import { RunAborted } from '../runner/run-aborted';

/** A real HTTP server standing in for the gateway's worker routes. */
describe('GatewayClient', () => {
  let server: Server;
  let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string; socket: unknown }[] = [];
  let client: GatewayClient;

  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body, socket: req.socket });
        answer(req, body, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    client = new GatewayClient({
      GATEWAY_URL: `http://127.0.0.1:${port}`,
      WORKER_TOKEN: 'token-for-the-spec',
      REPORT_DELIVERY_WINDOW_MS: 2_000,
    } as AppConfig);
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const json = (status: number, value: unknown) => (_req: IncomingMessage, _body: string, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const report = { attemptId: 'a1', status: 'running' } as unknown as RunResultsReport;

  it('posts JSON with the worker token and reads the JSON answer, over one kept-alive connection', async () => {
    answer = json(201, { id: 'worker-7' });
    const id = await client.register({ name: 'w', url: 'http://w', toolchains: ['cpp'], gpu: null, gpuProbe: false, version: '1' });
    expect(id).toBe('worker-7');
    answer = json(200, { status: 'active' });
    expect(await client.heartbeat('worker-7')).toEqual({ status: 'active' });
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', '/worker/register'],
      ['POST', '/worker/worker-7/heartbeat'],
    ]);
    expect(seen[0].headers.authorization).toBe('Bearer token-for-the-spec');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({ name: 'w', url: 'http://w', toolchains: ['cpp'], gpuProbe: false, version: '1' });
    expect(seen[1].socket).toBe(seen[0].socket);
  });

  it('takes an empty answer as no value', async () => {
    answer = (_req, _body, res) => res.writeHead(204).end();
    expect(await client.heartbeat('w')).toEqual({});
  });

  it('gives up at once on a refusal, and retries a failing gateway until it takes the report', async () => {
    answer = json(404, { message: 'no such attempt' });
    await expect(client.report('mp 1', report)).rejects.toThrow(ReportUndeliverable);
    expect(seen[0].url).toBe('/mp/mp%201/run_results');

    seen.length = 0;
    let failures = 2;
    answer = (req, body, res) => (failures-- > 0 ? json(503, { message: 'busy' })(req, body, res) : json(200, {})(req, body, res));
    await client.report('mp', report);
    expect(seen).toHaveLength(3);
  });

  it('says so when the gateway does not answer in time, and a progress report is one quick try', async () => {
    answer = () => undefined; // never answers
    const started = Date.now();
    expect(await client.tryReport('mp', report)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(seen).toHaveLength(1);
  });

  it('stops at once when the run is aborted, even mid-request', async () => {
    answer = () => undefined;
    const abort = new AbortController();
    const reporting = client.report('mp', report, abort.signal);
    await new Promise((r) => setTimeout(r, 50));
    abort.abort(new Error('the worker stops'));
    await expect(reporting).rejects.toThrow(RunAborted);
  });

  it('takes an answer that is not JSON as a failure, not a crash', async () => {
    answer = (_req, _body, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>');
    await expect(client.heartbeat('w')).rejects.toThrow(/not JSON/);
  });
});
