import { Injectable } from '@nestjs/common';
import { AppConfig, WorkerRecord } from '@wb/common';

const LINES = 30;

/** The worker's last log lines (`GET /log`) for an alert; a dead worker simply has none. */
@Injectable()
export class WorkerLogTail {
  constructor(private readonly config: AppConfig) {}

  async fetch(worker: WorkerRecord): Promise<string> {
    try {
      const res = await fetch(new URL('/log', worker.url), {
        headers: { authorization: `Bearer ${this.config.WORKER_TOKEN}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.HEALTH_PROBE_TIMEOUT_MS),
      });
      if (!res.ok) return `(GET /log answered ${res.status})`;
      const { lines } = (await res.json()) as { lines?: string[] };
      return (lines ?? []).slice(-LINES).join('\n');
    } catch (err) {
      return `(the worker's log is unreachable: ${(err as Error).message})`;
    }
  }
}
