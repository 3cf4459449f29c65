import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, currentLogContext, METRICS, REQUEST_ID_HEADER, RunResultsReport, Toolchain } from '@wb/common';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunAborted } from '../runner/run-aborted';

export class GatewayRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The gateway will not take this report: it refused it, or did not answer within the delivery window. */
export class ReportUndeliverable extends Error {
  override readonly name = 'ReportUndeliverable';
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
/** Progress is worth one quick try; the verdict that follows says the same and more. */
const PROGRESS_TIMEOUT_MS = 3_000;

/** The worker's side of the gateway's worker routes, authenticated with the worker token. */
@Injectable()
export class GatewayClient {
  private readonly logger = new Logger(GatewayClient.name);
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true });

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
   * Delivers a verdict, retrying with backoff while the gateway is away or failing (a restart
   * must not lose it), for at most REPORT_DELIVERY_WINDOW_MS. A refusal (4xx other than 429)
   * will never succeed: {@link ReportUndeliverable} at once, as after the window. The signal
   * (the worker stopping) ends the retries with {@link RunAborted}.
   */
  async report(mpId: string, report: RunResultsReport, signal?: AbortSignal): Promise<void> {
    const windowMs = this.config.REPORT_DELIVERY_WINDOW_MS;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.post(`/mp/${encodeURIComponent(mpId)}/run_results`, report, signal);
        return;
      } catch (err) {
        if (signal?.aborted) throw new RunAborted(signal.reason);
        const message = (err as Error).message;
        if (err instanceof GatewayRejected && err.status < 500 && err.status !== 429)
          throw new ReportUndeliverable(`the gateway refused the report: ${message}`);
        const left = started + windowMs - Date.now();
        if (left <= 0) throw new ReportUndeliverable(`the gateway did not take the report within ${windowMs / 1000} s (last: ${message})`);
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt, left);
        METRICS.reportRetries.inc();
        this.logger.warn(`report for attempt ${report.attemptId} not delivered (${message}); retrying in ${delay} ms`);
        await sleep(delay, undefined, { signal }).catch(() => {
          throw new RunAborted(signal?.reason);
        });
      }
    }
  }

  /** One try, never thrown: for progress and for a last word that something else also covers. */
  async tryReport(mpId: string, report: RunResultsReport): Promise<boolean> {
    try {
      await this.post(`/mp/${encodeURIComponent(mpId)}/run_results`, report, undefined, PROGRESS_TIMEOUT_MS);
      return true;
    } catch (err) {
      this.logger.warn(`${report.status} for attempt ${report.attemptId} not delivered: ${(err as Error).message}`);
      return false;
    }
  }

  /**
   * A timed run's verdict. A few quick tries rather than the delivery window: the job is retried
   * by its queue if the gateway stays away, and a timing is worth far less than a verdict.
   */
  async reportTiming(mpId: string, timingId: string, outcome: unknown, signal?: AbortSignal): Promise<void> {
    await this.post(`/mp/${encodeURIComponent(mpId)}/timings/${encodeURIComponent(timingId)}/results`, outcome, signal);
  }

  /** One try: the timing could not be finished (the student may ask again). */
  async tryReportTimingFailed(mpId: string, timingId: string, reason: string): Promise<void> {
    await this.post(`/mp/${encodeURIComponent(mpId)}/timings/${encodeURIComponent(timingId)}/failed`, { reason }).catch((err: Error) =>
      this.logger.warn(`timing ${timingId}: failure not delivered: ${err.message}`),
    );
  }

  /**
   * One POST with a JSON body and answer. node:http on kept-alive connections rather than
   * fetch: a worker reports two or three times per attempt, and fetch's web streams and abort
   * signals cost several times the request itself.
   */
  private post(path: string, body?: unknown, signal?: AbortSignal, timeoutMs = REQUEST_TIMEOUT_MS): Promise<unknown> {
    const url = new URL(path, this.config.GATEWAY_URL);
    const payload = body === undefined ? '' : JSON.stringify(body);
    // Within a job, the id of the request that queued it: the gateway's lines about this report carry it too.
    const requestId = currentLogContext()?.requestId;
    const https = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: https ? this.httpsAgent : this.httpAgent,
          signal,
          headers: {
            authorization: `Bearer ${this.config.WORKER_TOKEN}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            accept: 'application/json',
            ...(requestId && { [REQUEST_ID_HEADER]: requestId }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) return reject(new GatewayRejected(status, `${path}: ${status} ${text.slice(0, 500)}`));
            try {
              resolve(text ? JSON.parse(text) : undefined);
            } catch (err) {
              reject(new Error(`${path}: the gateway's answer is not JSON: ${(err as Error).message}`));
            }
          });
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`${path}: no answer within ${timeoutMs} ms`)), timeoutMs);
      function fail(err: Error) {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(payload);
    });
  }
}
