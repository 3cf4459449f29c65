import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AppConfig } from '../config/app-config';
import { MetricsServer } from './metrics-server';
import { MetricsText } from './metrics-text';
import { registerMetricsOf } from './wb-metrics';

const TOKEN = 'a-metrics-token-of-at-least-32-characters';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** The grader's and notifier's own /metrics server, on a real port. */
describe('MetricsServer', () => {
  const servers: MetricsServer[] = [];
  beforeAll(() => registerMetricsOf('grader'));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.onApplicationShutdown()));
  });

  async function start(config: Partial<AppConfig>): Promise<string> {
    const server = new MetricsServer(new MetricsText(), config as AppConfig);
    servers.push(server);
    await server.onApplicationBootstrap();
    return `http://127.0.0.1:${config.METRICS_PORT}`;
  }

  it("answers GET /metrics with the app's series in Prometheus's text format, and nothing else", async () => {
    const base = await start({ METRICS_PORT: await freePort() });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await res.text()).toContain('wb_passbacks_total{outcome="refused"} 0');
    expect((await fetch(`${base}/metrics?x=1`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect([post.status, await post.json()]).toEqual([405, { error: '/metrics answers GET only' }]);
  });

  it('asks for METRICS_TOKEN when it is set', async () => {
    const base = await start({ METRICS_PORT: await freePort(), METRICS_TOKEN: TOKEN });
    const refused = await fetch(`${base}/metrics`);
    expect([refused.status, await refused.json()]).toEqual([401, { error: expect.stringContaining('METRICS_TOKEN') }]);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('serves nothing without METRICS_PORT, and stops the app at start when the port is taken', async () => {
    await start({}); // resolves, listening nowhere
    const port = await freePort();
    await start({ METRICS_PORT: port });
    await expect(start({ METRICS_PORT: port })).rejects.toThrow(/EADDRINUSE/);
    servers.pop();
  });
});
