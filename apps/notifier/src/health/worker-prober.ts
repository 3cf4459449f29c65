import { Injectable } from '@nestjs/common';
import { AppConfig, WorkerRecord, workerProbePath } from '@wb/common';

export interface ProbeOutcome {
  ok: boolean;
  reason: string | null;
  ms: number;
}

/**
 * Asks one worker whether it can do its job: a GPU worker must run a kernel (`/is_gpu_alive`),
 * any other must answer `/status`; and either must have sent a heartbeat lately.
 */
@Injectable()
export class WorkerProber {
  constructor(private readonly config: AppConfig) {}

  async probe(worker: WorkerRecord): Promise<ProbeOutcome> {
    const started = performance.now();
    const reason = (await this.askWorker(worker)) ?? this.staleHeartbeat(worker);
    return { ok: reason === null, reason, ms: Math.round(performance.now() - started) };
  }

  /** Null when the worker answered well, else why not. */
  private async askWorker(worker: WorkerRecord): Promise<string | null> {
    const path = workerProbePath(worker);
    try {
      const res = await fetch(new URL(path, worker.url), {
        headers: { authorization: `Bearer ${this.config.WORKER_TOKEN}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.HEALTH_PROBE_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.ok) return null;
      return `GET ${path} answered ${res.status}: ${explain(text)}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') return `GET ${path} did not answer within ${this.config.HEALTH_PROBE_TIMEOUT_MS} ms`;
      return `GET ${path} failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
    }
  }

  private staleHeartbeat(worker: WorkerRecord): string | null {
    const age = Date.now() - worker.lastHeartbeatAt.getTime();
    return age > this.config.HEALTH_HEARTBEAT_STALE_MS ? `no heartbeat for ${Math.round(age / 1000)} s` : null;
  }
}

/** The worker's own words (`{alive:false, reason}`) when it gave them. */
function explain(body: string): string {
  try {
    const parsed = JSON.parse(body) as { reason?: string; error?: string };
    return (parsed.reason ?? parsed.error ?? body).trim().slice(0, 500);
  } catch {
    return body.slice(0, 500) || '(no body)';
  }
}
