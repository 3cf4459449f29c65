import { Injectable } from '@nestjs/common';
import { processRegistry, ProcessSeries, unavailable } from '@wb/common';
import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';

interface MetricsRequest {
  type: 'wb:metrics-request';
  id: number;
}

interface MetricsAnswer {
  type: 'wb:metrics-answer';
  id: number;
  text?: string;
  error?: string;
}

/** Past prom-client's own 5 s wait for the processes, so that its error is the one reported. */
const ANSWER_TIMEOUT_MS = 7_000;

function isRequest(message: unknown): message is MetricsRequest {
  return typeof message === 'object' && message !== null && (message as MetricsRequest).type === 'wb:metrics-request';
}

function isAnswer(message: unknown): message is MetricsAnswer {
  return typeof message === 'object' && message !== null && (message as MetricsAnswer).type === 'wb:metrics-answer';
}

/**
 * The primary's half of a gateway cluster's /metrics: whichever process a scrape reaches asks
 * the primary, which gathers every process's series (prom-client's AggregatorRegistry, over the
 * cluster's IPC) and sums them, so a counter counts what the whole gateway did and Prometheus
 * needs no target per process.
 */
export function sumMetricsAcrossProcesses(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message) => {
    if (!isRequest(message)) return;
    void aggregator
      .clusterMetrics()
      .then(
        (text) => ({ text }),
        (err: Error) => ({ error: err.message }),
      )
      .then((answer) => {
        if (worker.isConnected()) worker.send({ type: 'wb:metrics-answer', id: message.id, ...answer } satisfies MetricsAnswer);
      });
  });
}

/** A gateway process's half: its series for the primary to sum, and the sum for its scrapes. */
@Injectable()
export class ClusterProcessSeries extends ProcessSeries {
  private readonly waiting = new Map<number, (answer: MetricsAnswer) => void>();
  private nextId = 0;

  constructor() {
    super();
    AggregatorRegistry.setRegistries([processRegistry]);
    // Constructing one is what makes prom-client answer the primary's requests in this process.
    new AggregatorRegistry();
    process.on('message', (message) => {
      if (isAnswer(message)) this.waiting.get(message.id)?.(message);
    });
  }

  text(): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const settle = (answer: MetricsAnswer) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(unavailable(`the gateway processes' metrics could not be gathered: ${answer.error}`));
      };
      const timer = setTimeout(
        () => settle({ type: 'wb:metrics-answer', id, error: `no answer within ${ANSWER_TIMEOUT_MS} ms` }),
        ANSWER_TIMEOUT_MS,
      );
      this.waiting.set(id, settle);
      process.send!({ type: 'wb:metrics-request', id } satisfies MetricsRequest);
    });
  }
}
