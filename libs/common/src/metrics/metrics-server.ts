import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { HealthProbes } from '../health/health-probes';
import { metricsRefusal } from './metrics-access';
import { METRICS_CONTENT_TYPE, MetricsText } from './metrics-text';

/**
 * `GET /metrics` on METRICS_PORT, for an app that otherwise serves no HTTP (the grader, the
 * notifier): a bare server with that one route, and the health probes (`GET /healthz/live`,
 * `GET /healthz/ready`) where the app has them, so that they need no web framework and one port.
 * Unset, the app serves nothing; a port that is taken stops the app at start.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly text: MetricsText,
    private readonly config: AppConfig,
    @Optional() private readonly health?: HealthProbes,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.METRICS_PORT;
    if (port === undefined) return;
    const server = createServer((req, res) => void this.answer(req, res));
    server.listen(port);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([err]) => Promise.reject(err as Error))]);
    this.server = server;
    this.logger.log(`GET /metrics on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (this.health && (path === '/healthz/live' || path === '/healthz/ready')) return this.answerProbe(req, res, path);
    if (path !== '/metrics')
      return reply(res, 404, `this server answers only GET /metrics${this.health ? ', /healthz/live and /healthz/ready' : ''}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, '/metrics answers GET only');
    const refusal = metricsRefusal(req, this.config.METRICS_TOKEN);
    if (refusal) return reply(res, refusal.status, refusal.message);
    try {
      const body = await this.text.render();
      res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      this.logger.error(`GET /metrics: ${(err as Error).stack ?? err}`);
      reply(res, 500, 'the metrics could not be gathered; the log says why');
    }
  }

  /** With no authentication, as on the gateway and the worker: an orchestrator's probe presents none. */
  private async answerProbe(req: IncomingMessage, res: ServerResponse, path: '/healthz/live' | '/healthz/ready'): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, `${path} answers GET only`);
    try {
      const { status, body } = await (path === '/healthz/live' ? this.health!.live() : this.health!.ready());
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
    } catch (err) {
      this.logger.error(`GET ${path}: ${(err as Error).stack ?? err}`);
      reply(res, 500, 'the health check failed unexpectedly; the log says why');
    }
  }
}

/** The API's error shape, `{error}`. */
function reply(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error }));
}
