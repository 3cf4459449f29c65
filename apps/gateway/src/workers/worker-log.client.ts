import { Injectable } from '@nestjs/common';
import { WorkerApiClient, WorkerRecord } from '@wb/common';

/** A staff page waits this long for a worker's log at most: a dead worker must not hold the page up. */
const TIMEOUT_MS = 3_000;

export type WorkerLog = { lines: string[] } | { lines: []; error: string };

/** A worker's recent log lines (its `GET /log`), for the staff; a dead worker says why not. */
@Injectable()
export class WorkerLogClient {
  constructor(private readonly workerApi: WorkerApiClient) {}

  async recent(worker: WorkerRecord): Promise<WorkerLog> {
    const answer = await this.workerApi.log(worker, { timeoutMs: TIMEOUT_MS });
    return answer.ok ? { lines: answer.body.lines } : { lines: [], error: answer.reason };
  }
}
