import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, CatalogueService, DatasetResult, LibwbLog, LibwbTimer, overallStatus, RunJob, RunResultsReport } from '@wb/common';
import { UnrecoverableError } from 'bullmq';
import { GatewayClient } from '../registration/gateway-client';
import { WorkerIdentity } from '../registration/worker-identity';
import { Compiler } from './compiler';
import { DatasetRunner } from './dataset-runner';
import { withRunDirectory } from './run-directory';

/**
 * One attempt from job to verdict: compile, run each dataset, compare, report. The gateway
 * ignores repeated reports, so a redelivered job (this worker died, or a report was retried)
 * never produces a second result.
 */
@Injectable()
export class AttemptRunner {
  private readonly logger = new Logger(AttemptRunner.name);

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly compiler: Compiler,
    private readonly datasets: DatasetRunner,
    private readonly gateway: GatewayClient,
    private readonly identity: WorkerIdentity,
    private readonly config: AppConfig,
  ) {}

  async run(job: RunJob): Promise<void> {
    const mp = this.catalogue.find(job.mpId);
    if (!mp) throw new UnrecoverableError(`this worker has no lab "${job.mpId}"`);
    const selected = job.dataset === -1 ? mp.datasets.filter((d) => !d.hidden) : mp.datasets.filter((d) => d.id === job.dataset);
    if (selected.length === 0) throw new UnrecoverableError(`lab "${job.mpId}" has no dataset ${job.dataset}`);
    const workerId = this.identity.id ?? undefined;
    const report = (r: Omit<RunResultsReport, 'attemptId' | 'workerId'>) =>
      this.gateway.report(job.mpId, { ...r, attemptId: job.attemptId, workerId });

    await withRunDirectory(this.config.WORKER_WORK_DIR, job.attemptId, async (dir) => {
      await report({ status: 'compiling' });
      const compiled = await this.compiler.compile(mp, job.program, dir);
      if (!compiled.ok) return report({ status: compiled.status, compilerOutput: compiled.output });

      await report({ status: 'running' });
      const results: DatasetResult[] = [];
      const outputs: string[] = [];
      const timers: LibwbTimer[] = [];
      const logs: LibwbLog[] = [];
      for (const dataset of selected) {
        const run = await this.datasets.run(mp, compiled.binary, dataset, dir);
        results.push(run.result);
        outputs.push(selected.length > 1 ? `== dataset ${dataset.id} ==\n${run.output}` : run.output);
        // Each run numbers its timers from 0; keep the parent links pointing at the same timers.
        const offset = timers.length;
        timers.push(...run.timers.map((t) => ({ ...t, parent: t.parent === null || t.parent === undefined ? null : t.parent + offset })));
        logs.push(...run.logs);
      }
      const status = overallStatus(results);
      this.logger.log(`attempt ${job.attemptId} (${job.mpId}, dataset ${job.dataset}): ${status}`);
      await report({ status, compilerOutput: compiled.output, output: outputs.join('\n'), results, timers, logs });
    });
  }
}
