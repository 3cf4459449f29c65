import { Injectable, Logger } from '@nestjs/common';
import { TimingJob } from '@wb/common';
import { UnrecoverableError } from 'bullmq';
import { WorkerLabs } from '../labs/worker-labs.service';
import { GatewayClient } from '../registration/gateway-client';
import { TimingProtocol } from './timing-protocol';

/** A queued timed run from job to reported verdict. */
@Injectable()
export class TimingRunner {
  private readonly logger = new Logger(TimingRunner.name);

  constructor(
    private readonly labs: WorkerLabs,
    private readonly protocol: TimingProtocol,
    private readonly gateway: GatewayClient,
  ) {}

  async run(job: TimingJob, signal?: AbortSignal): Promise<void> {
    const mp = this.labs.find(job.mpId);
    if (!mp?.config.performance) throw new UnrecoverableError(`this worker has no lab "${job.mpId}" with timed runs`);
    const outcome = await this.protocol.execute(`timing-${job.timingId}`, mp, job.program, signal);
    this.logger.log(
      `timing ${job.timingId} (${job.mpId}): ${outcome.status}${outcome.figure ? `, median ${outcome.figure.medianMs} ms` : ''}`,
    );
    await this.gateway.reportTiming(job.mpId, job.timingId, outcome, signal);
  }

  /** The job failed for good: the student hears of it and may ask again. */
  reportFailed(job: TimingJob, reason: string): Promise<void> {
    return this.gateway.tryReportTimingFailed(job.mpId, job.timingId, reason.slice(0, 2000));
  }
}
