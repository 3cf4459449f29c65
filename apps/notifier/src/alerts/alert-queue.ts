import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ALERT_JOB_NAME, ALERT_JOB_OPTIONS, AlertJob, AppConfig, QUEUE } from '@wb/common';
import { Queue } from 'bullmq';

/** The only producer of `alerts` jobs. */
@Injectable()
export class AlertQueue {
  constructor(
    @InjectQueue(QUEUE.alerts) private readonly queue: Queue<AlertJob>,
    private readonly config: AppConfig,
  ) {}

  /** Delayed by the debounce window, so that what fails together is reported together. */
  enqueue(job: AlertJob): Promise<unknown> {
    return this.queue.add(ALERT_JOB_NAME, job, {
      ...ALERT_JOB_OPTIONS,
      jobId: `${job.incidentId}-${job.event}`,
      delay: this.config.ALERT_DEBOUNCE_MS,
    });
  }
}
