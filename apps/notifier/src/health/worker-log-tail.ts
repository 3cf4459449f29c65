import { Injectable } from '@nestjs/common';
import { WorkerApiClient, WorkerRecord } from '@wb/common';

const LINES = 30;

/** The worker's last log lines (`GET /log`) for an alert; a dead worker has none, and the alert says why. */
@Injectable()
export class WorkerLogTail {
  constructor(private readonly workerApi: WorkerApiClient) {}

  async fetch(worker: WorkerRecord): Promise<string> {
    const answer = await this.workerApi.log(worker, { lines: LINES });
    return answer.ok ? answer.body.lines.join('\n') : `(${answer.reason})`;
  }
}
