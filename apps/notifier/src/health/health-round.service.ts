import { Injectable, Logger } from '@nestjs/common';
import { WorkerProbesRepository, WorkersRepository } from '@wb/common';
import { IncidentsService } from './incidents.service';
import { QueueWatchService } from './queue-watch.service';
import { StrandedAttemptsService } from './stranded-attempts.service';
import { UngradedAttemptsService } from './ungraded-attempts.service';
import { WorkerHealthService } from './worker-health.service';
import { WorkerProber } from './worker-prober';

/** Probe history is for diagnosing recent trouble; a week of it is plenty and bounds the table. */
const PROBE_HISTORY_DAYS = 7;

/** One tick of the health scheduler: every registered worker probed in parallel, then the queues, stranded attempts and ungraded ones. */
@Injectable()
export class HealthRoundService {
  private readonly logger = new Logger(HealthRoundService.name);

  constructor(
    private readonly workers: WorkersRepository,
    private readonly probes: WorkerProbesRepository,
    private readonly prober: WorkerProber,
    private readonly health: WorkerHealthService,
    private readonly queues: QueueWatchService,
    private readonly incidents: IncidentsService,
    private readonly stranded: StrandedAttemptsService,
    private readonly ungraded: UngradedAttemptsService,
  ) {}

  async run(): Promise<void> {
    const workers = await this.workers.listNotStopped();
    const results = await Promise.allSettled(workers.map(async (w) => this.health.record(w, await this.prober.probe(w))));
    for (const r of results) if (r.status === 'rejected') this.logger.error(`a probe could not be recorded: ${String(r.reason)}`);
    await this.incidents.closeForStoppedWorkers();
    await this.queues.check();
    await this.stranded.check();
    await this.ungraded.check();
    await this.incidents.requeueOwed();
    await this.probes.deleteOlderThan(PROBE_HISTORY_DAYS);
  }
}
