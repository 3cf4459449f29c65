import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, WorkerProbesRepository, WorkerRecord, WorkersRepository } from '@wb/common';
import { IncidentsService } from './incidents.service';
import { WorkerLogTail } from './worker-log-tail';
import { ProbeOutcome } from './worker-prober';

/** What taking a worker out of rotation does, said in the alert and on the staff page. */
const DOWN_ACTIONS =
  'Marked down: the worker pauses its queue consumers on its next heartbeat and takes no new job. ' +
  'A job it was running when it died is retried by BullMQ on another worker (stalled-job recovery).';

/**
 * Turns probe outcomes into worker state: N failures in a row mark a worker down and open an
 * incident, M successes bring it back up and close it. Each transition is a conditional UPDATE
 * ({@link WorkersRepository}), so it happens once even if two probe rounds overlap.
 */
@Injectable()
export class WorkerHealthService {
  private readonly logger = new Logger(WorkerHealthService.name);

  constructor(
    private readonly workers: WorkersRepository,
    private readonly probes: WorkerProbesRepository,
    private readonly config: AppConfig,
    private readonly incidents: IncidentsService,
    private readonly logTail: WorkerLogTail,
  ) {}

  async record(worker: WorkerRecord, outcome: ProbeOutcome): Promise<void> {
    await this.probes.insert({ workerId: worker.id, ...outcome });
    const streaks = await this.workers.recordProbe(worker.id, outcome);
    if (!streaks) return; // it deregistered meanwhile
    if (!outcome.ok && streaks.failureStreak >= this.config.HEALTH_FAILURES_TO_DOWN) await this.markDown(worker, outcome.reason!);
    if (outcome.ok && streaks.successStreak >= this.config.HEALTH_SUCCESSES_TO_UP) await this.markUp(worker);
  }

  private async markDown(worker: WorkerRecord, reason: string): Promise<void> {
    if (await this.workers.markDown(worker.id)) this.logger.warn(`worker ${worker.name} is down: ${reason}`);
    if (await this.incidents.isOpen('worker_down', worker.name)) return;
    await this.incidents.open({
      kind: 'worker_down',
      subject: worker.name,
      workerId: worker.id,
      reason,
      actions: DOWN_ACTIONS,
      logTail: await this.logTail.fetch(worker),
    });
  }

  private async markUp(worker: WorkerRecord): Promise<void> {
    const changed = await this.workers.markUp(worker.id);
    await this.incidents.close('worker_down', worker.name);
    // Said once the incident is closed: from this line on, its recovery alert is owed.
    if (changed) this.logger.log(`worker ${worker.name} is up again`);
  }
}
