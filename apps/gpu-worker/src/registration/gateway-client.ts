import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, RunResultsReport, Toolchain } from '@wb/common';
import { setTimeout as sleep } from 'node:timers/promises';

export class GatewayRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

/** The worker's side of the gateway's worker routes, authenticated with the worker token. */
@Injectable()
export class GatewayClient {
  private readonly logger = new Logger(GatewayClient.name);

  constructor(private readonly config: AppConfig) {}

  async register(body: {
    name: string;
    url: string;
    toolchains: Toolchain[];
    gpu: string | null;
    gpuProbe: boolean;
    version: string;
  }): Promise<string> {
    const { id } = (await this.post('/worker/register', { ...body, gpu: body.gpu ?? undefined })) as { id: string };
    return id;
  }

  /** The gateway's answer says whether the notifier has taken this worker out of rotation. */
  async heartbeat(workerId: string): Promise<{ status?: string }> {
    return ((await this.post(`/worker/${workerId}/heartbeat`)) as { status?: string } | undefined) ?? {};
  }

  deregister(workerId: string): Promise<unknown> {
    return this.post(`/worker/${workerId}/deregister`);
  }

  /**
   * Delivers a report, retrying with backoff until the gateway accepts it: a verdict must not
   * be lost because the gateway restarted. A 4xx other than 429 will never succeed and is thrown.
   */
  async report(mpId: string, report: RunResultsReport): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.post(`/mp/${encodeURIComponent(mpId)}/run_results`, report);
        return;
      } catch (err) {
        if (err instanceof GatewayRejected && err.status < 500 && err.status !== 429) throw err;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
        this.logger.warn(`report for attempt ${report.attemptId} not delivered (${(err as Error).message}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  private async post(path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(new URL(path, this.config.GATEWAY_URL), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.config.WORKER_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new GatewayRejected(res.status, `${path}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  }
}
