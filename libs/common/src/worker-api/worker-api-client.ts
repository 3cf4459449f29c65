import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { WorkerRecord, workerProbePath } from '../db/entities/worker.entity';
import type { ApiErrorBody } from '../http/api-error';
import type { GpuAliveAnswer, WorkerLogLines } from './worker-api.types';

/** Enough of a refusal's body for the worker's sentence, not for a page of HTML in a probe row. */
const REASON_CHARS = 500;

/** Why a worker gave no answer worth having, worded for a probe row, a staff page or an alert email. */
export interface WorkerFailure {
  ok: false;
  reason: string;
}

export type WorkerAnswer<T> = { ok: true; body: T } | WorkerFailure;

export interface WorkerCallOptions {
  /** A staff page waits less than a health probe; without it, HEALTH_PROBE_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * The other apps' side of a worker's token-protected API. It never throws: a refusal, a timeout,
 * a connection that failed or a body that is not what the route promises all become a reason.
 */
@Injectable()
export class WorkerApiClient {
  constructor(private readonly config: AppConfig) {}

  /** `GET /log`: the worker's recent lines, or only the last `lines` of them. */
  async log(
    worker: Pick<WorkerRecord, 'url'>,
    options: WorkerCallOptions & { lines?: number } = {},
  ): Promise<WorkerAnswer<WorkerLogLines>> {
    const answer = await this.get(worker, '/log', options);
    if (!answer.ok) return answer;
    const lines = logLines(answer.body);
    if (!lines) return { ok: false, reason: 'GET /log answered without a JSON list of lines' };
    return { ok: true, body: { lines: options.lines === undefined ? lines : lines.slice(Math.max(0, lines.length - options.lines)) } };
  }

  /**
   * Whether the worker can do its job: a GPU worker must run a kernel (`/is_gpu_alive`), any
   * other must answer `/status`. Any 2xx will do; what it says is for the staff, not the probe.
   */
  async probe(
    worker: Pick<WorkerRecord, 'url' | 'gpuProbe' | 'toolchains'>,
    options: WorkerCallOptions = {},
  ): Promise<{ ok: true } | WorkerFailure> {
    const answer = await this.get(worker, workerProbePath(worker), options);
    return answer.ok ? { ok: true } : answer;
  }

  /** The body of a 2xx answer, or why there was none. */
  private async get(worker: Pick<WorkerRecord, 'url'>, path: string, options: WorkerCallOptions): Promise<WorkerAnswer<string>> {
    const timeoutMs = options.timeoutMs ?? this.config.HEALTH_PROBE_TIMEOUT_MS;
    try {
      const res = await fetch(new URL(path, worker.url), {
        headers: { authorization: `Bearer ${this.config.WORKER_TOKEN}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read under the same timeout: a worker that stalls halfway through its body has not answered.
      const text = await res.text();
      if (res.ok) return { ok: true, body: text };
      return { ok: false, reason: `GET ${path} answered ${res.status}: ${explain(text)}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') return { ok: false, reason: `GET ${path} did not answer within ${timeoutMs} ms` };
      return { ok: false, reason: `GET ${path} failed: ${e.cause?.code ?? e.cause?.message ?? e.message}` };
    }
  }
}

function logLines(body: string): string[] | null {
  try {
    const { lines } = JSON.parse(body) as Partial<WorkerLogLines>;
    return Array.isArray(lines) && lines.every((l) => typeof l === 'string') ? lines : null;
  } catch {
    return null;
  }
}

/** The worker's own words when it gave them: a dead GPU's reason, or the API's error sentence. */
function explain(body: string): string {
  try {
    const parsed = JSON.parse(body) as Partial<Extract<GpuAliveAnswer, { alive: false }> & ApiErrorBody>;
    return (parsed.reason ?? parsed.error ?? body).trim().slice(0, REASON_CHARS);
  } catch {
    return body.slice(0, REASON_CHARS) || '(no body)';
  }
}
