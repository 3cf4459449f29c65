import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { oldestWaitMs } from '../queues/queue-lag';

/** Each check gives up after this long: a dependency that slow is as good as away for a probe. */
const CHECK_TIMEOUT_MS = 2_000;

/** The readiness checks apps share: each is a terminus indicator, up or down with the reason. */
@Injectable()
export class DependencyChecks {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  postgres(dataSource: DataSource) {
    return this.indicators
      .check('postgres')
      .attempt(async () => void (await dataSource.query('SELECT 1')))
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  redis(client: { ping(): Promise<unknown> }) {
    return this.indicators
      .check('redis')
      .attempt(async () => void (await client.ping()))
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Down while a queue's oldest waiting job is older than READY_QUEUE_LAG_MS; the details give each queue's lag. */
  queueLag(queues: Queue[]) {
    const boundMs = this.config.READY_QUEUE_LAG_MS;
    return this.indicators
      .check('queues')
      .attempt(async () => {
        const lags = await Promise.all(queues.map(async (q) => [q.name, await oldestWaitMs(q)] as const));
        const behind = lags.filter(([, ms]) => ms > boundMs);
        if (behind.length > 0) {
          const which = behind.map(([name, ms]) => `${name} ${Math.round(ms / 1000)} s`).join(', ');
          throw new Error(`the oldest waiting job has waited longer than ${boundMs / 1000} s: ${which}`);
        }
        return { oldestWaitMs: Object.fromEntries(lags) };
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }
}
