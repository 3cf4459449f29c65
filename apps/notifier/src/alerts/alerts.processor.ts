import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUE } from '@wb/common';
import { AlertDigestService } from './alert-digest.service';

const MAX_RETRY_DELAY_MS = 60_000;

/** Exponential from 1 s, capped at a minute: an SMTP outage delays alerts by at most a minute more. */
export function alertRetryDelay(attemptsMade: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1_000 * 2 ** Math.max(0, attemptsMade - 1));
}

@Processor(QUEUE.alerts, { concurrency: 1, settings: { backoffStrategy: alertRetryDelay } })
export class AlertsProcessor extends WorkerHost {
  private readonly logger = new Logger(AlertsProcessor.name);

  constructor(private readonly digest: AlertDigestService) {
    super();
  }

  async process(): Promise<void> {
    try {
      await this.digest.sendOwed();
    } catch (err) {
      this.logger.warn(`alert email not sent yet (${(err as Error).message}); it will be retried`);
      throw err;
    }
  }
}
