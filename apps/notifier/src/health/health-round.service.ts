import { Injectable, Logger } from '@nestjs/common';
import { WorkerRecord } from '@wb/common';
import { DataSource, Not } from 'typeorm';
import { IncidentsService } from './incidents.service';
import { QueueWatchService } from './queue-watch.service';
import { StrandedAttemptsService } from './stranded-attempts.service';
import { UngradedAttemptsService } from './ungraded-attempts.service';
import { WorkerHealthService } from './worker-health.service';
import { WorkerProber } from './worker-prober';

/** One tick of the health scheduler: every registered worker probed in parallel, then the queues, stranded attempts and ungraded ones. */
@Injectable()
export class HealthRoundService {
  private readonly logger = new Logger(HealthRoundService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly prober: WorkerProber,
    private readonly health: WorkerHealthService,
    private readonly queues: QueueWatchService,
    private readonly incidents: IncidentsService,
    private readonly stranded: StrandedAttemptsService,
    private readonly ungraded: UngradedAttemptsService,
  ) {}

  async run(): Promise<void> {
    const workers = await this.dataSource.getRepository(WorkerRecord).find({ where: { status: Not('stopped') } });
    const results = await Promise.allSettled(workers.map(async (w) => this.health.record(w, await this.prober.probe(w))));
    for (const r of results) if (r.status === 'rejected') this.logger.error(`a probe could not be recorded: ${String(r.reason)}`);
    await this.incidents.closeForStoppedWorkers();
    await this.queues.check();
    await this.stranded.check();
    await this.ungraded.check();
    await this.incidents.requeueOwed();
    // Probe history is for diagnosing recent trouble; a week of it is plenty and bounds the table.
    await this.dataSource.query(`DELETE FROM worker_probes WHERE at < now() - interval '7 days'`);
  }
}
