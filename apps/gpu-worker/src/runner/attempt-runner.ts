import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, DeadLetters, RunJob, RunResultsReport, safeReport } from '@wb/common';
import { UnrecoverableError } from 'bullmq';
import { WorkerLabs } from '../labs/worker-labs.service';
import { GatewayClient, ReportUndeliverable } from '../registration/gateway-client';
import { WorkerIdentity } from '../registration/worker-identity';
import { analysisRuns } from './analysis-runs';
import { AttemptPipeline, DatasetStep, selectDatasets } from './attempt-pipeline';

/**
 * A queued attempt from job to reported verdict. The gateway ignores repeated reports, so a
 * redelivered job (this worker died, or a report was retried) never produces a second result.
 * A verdict the gateway will not take costs the job at most the delivery window: it becomes a
 * dead letter, and the job fails so that the attempt ends as internal_error and the slot is free.
 */
@Injectable()
export class AttemptRunner {
  private readonly logger = new Logger(AttemptRunner.name);

  constructor(
    private readonly labs: WorkerLabs,
    private readonly pipeline: AttemptPipeline,
    private readonly gateway: GatewayClient,
    private readonly identity: WorkerIdentity,
    private readonly deadLetters: DeadLetters,
    private readonly config: AppConfig,
  ) {}

  /** `onDataset`: told as each dataset starts, for the live views' "dataset 3/6". */
  async run(job: RunJob, signal?: AbortSignal, onDataset?: (step: DatasetStep) => void): Promise<void> {
    const mp = this.labs.find(job.mpId);
    if (!mp) throw new UnrecoverableError(`this worker has no lab "${job.mpId}"`);
    const datasets = selectDatasets(mp, job.dataset, job.includeHidden === true);
    if (datasets.length === 0) throw new UnrecoverableError(`lab "${job.mpId}" has no public dataset ${job.dataset}`);
    const about = { attemptId: job.attemptId, workerId: this.identity.id ?? undefined };

    // Progress is not waited for: a slow gateway must not slow the run.
    const progress = (status: 'compiling' | 'running') => void this.gateway.tryReport(job.mpId, { ...about, status });
    const tools = { sanitizer: this.config.CUDA_SANITIZER_PATH, ncu: this.config.NCU_PATH };
    const analysis = job.analysis ? analysisRuns(job.analysis, job.program, tools) : undefined;
    const outcome = await this.pipeline.execute(
      job.attemptId,
      mp,
      job.program,
      datasets,
      async (s) => progress(s),
      signal,
      onDataset,
      analysis,
    );
    this.logger.log(`attempt ${job.attemptId} (${job.mpId}, dataset ${job.dataset}): ${outcome.status}`);
    await this.deliver(job.mpId, safeReport({ ...outcome, ...about }), signal);
  }

  private async deliver(mpId: string, report: RunResultsReport, signal?: AbortSignal): Promise<void> {
    try {
      await this.gateway.report(mpId, report, signal);
    } catch (err) {
      if (!(err instanceof ReportUndeliverable)) throw err;
      await this.deadLetters.record(mpId, report, err.message);
      this.logger.error(`attempt ${report.attemptId}: ${err.message}; kept as a dead letter for the staff`);
      // The student hears of it now if the gateway takes a short report; else the notifier ends
      // the attempt when it finds the failed job.
      await this.gateway.tryReport(mpId, {
        attemptId: report.attemptId,
        workerId: report.workerId,
        status: 'internal_error',
        output: 'The platform could not record the result of this run; the staff have been told. Your program is saved: run it again.',
      });
      throw new UnrecoverableError(`verdict not delivered (${err.message}); kept as a dead letter`);
    }
  }
}
