import { Injectable, Logger } from '@nestjs/common';
import { RunJob, RunResultsReport } from '@wb/common';
import { UnrecoverableError } from 'bullmq';
import { WorkerLabs } from '../labs/worker-labs.service';
import { GatewayClient } from '../registration/gateway-client';
import { WorkerIdentity } from '../registration/worker-identity';
import { AttemptPipeline, selectDatasets } from './attempt-pipeline';

/**
 * A queued attempt from job to reported verdict. The gateway ignores repeated reports, so a
 * redelivered job (this worker died, or a report was retried) never produces a second result.
 */
@Injectable()
export class AttemptRunner {
  private readonly logger = new Logger(AttemptRunner.name);

  constructor(
    private readonly labs: WorkerLabs,
    private readonly pipeline: AttemptPipeline,
    private readonly gateway: GatewayClient,
    private readonly identity: WorkerIdentity,
  ) {}

  async run(job: RunJob): Promise<void> {
    const mp = this.labs.find(job.mpId);
    if (!mp) throw new UnrecoverableError(`this worker has no lab "${job.mpId}"`);
    const datasets = selectDatasets(mp, job.dataset, job.includeHidden === true);
    if (datasets.length === 0) throw new UnrecoverableError(`lab "${job.mpId}" has no public dataset ${job.dataset}`);
    const report = (r: Omit<RunResultsReport, 'attemptId' | 'workerId'>) =>
      this.gateway.report(job.mpId, { ...r, attemptId: job.attemptId, workerId: this.identity.id ?? undefined });

    const outcome = await this.pipeline.execute(job.attemptId, mp, job.program, datasets, (status) => report({ status }));
    this.logger.log(`attempt ${job.attemptId} (${job.mpId}, dataset ${job.dataset}): ${outcome.status}`);
    await report(outcome);
  }
}
