import { Injectable } from '@nestjs/common';
import { AppConfig, WorkerRecord } from '@wb/common';

const TIMEOUT_MS = 3_000;

export type WorkerLog = { lines: string[] } | { lines: []; error: string };

/** A worker's recent log lines (its `GET /log`), for the staff; a dead worker says why not. */
@Injectable()
export class WorkerLogClient {
  constructor(private readonly config: AppConfig) {}

  async recent(worker: WorkerRecord): Promise<WorkerLog> {
    try {
      const res = await fetch(new URL('/log', worker.url), {
        headers: { authorization: `Bearer ${this.config.WORKER_TOKEN}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) return { lines: [], error: `GET /log answered ${res.status}` };
      const { lines } = (await res.json()) as { lines?: string[] };
      return { lines: lines ?? [] };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return {
        lines: [],
        error: `unreachable: ${e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (e.cause?.code ?? e.message)}`,
      };
    }
  }
}
