import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, WorkerRecord } from '@wb/common';
import { DataSource } from 'typeorm';
import { IncidentsService } from './incidents.service';
import { WorkerLogTail } from './worker-log-tail';
import { ProbeOutcome } from './worker-prober';

/** What taking a worker out of rotation does, said in the alert and on the staff page. */
const DOWN_ACTIONS =
  'Marked down: the worker pauses its queue consumers on its next heartbeat and takes no new job. ' +
  'A job it was running when it died is retried by BullMQ on another worker (stalled-job recovery).';

/**
 * Turns probe outcomes into worker state: N failures in a row mark a worker down and open an
 * incident, M successes bring it back up and close it. Each transition is a conditional UPDATE,
 * so it happens once even if two probe rounds overlap.
 */
@Injectable()
export class WorkerHealthService {
  private readonly logger = new Logger(WorkerHealthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly incidents: IncidentsService,
    private readonly logTail: WorkerLogTail,
  ) {}

  async record(worker: WorkerRecord, outcome: ProbeOutcome): Promise<void> {
    await this.dataSource.query(`INSERT INTO worker_probes (worker_id, ok, reason, ms) VALUES ($1, $2, $3, $4)`, [
      worker.id,
      outcome.ok,
      outcome.reason,
      outcome.ms,
    ]);
    const [rows]: [{ failure_streak: number; success_streak: number }[], number] = await this.dataSource.query(
      `UPDATE workers SET
         failure_streak = CASE WHEN $2 THEN 0 ELSE failure_streak + 1 END,
         success_streak = CASE WHEN $2 THEN success_streak + 1 ELSE 0 END,
         last_probe_at = now(), last_probe_ok = $2, last_probe_reason = $3
       WHERE id = $1 AND status <> 'stopped'
       RETURNING failure_streak, success_streak`,
      [worker.id, outcome.ok, outcome.reason],
    );
    if (rows.length === 0) return; // it deregistered meanwhile
    if (!outcome.ok && rows[0].failure_streak >= this.config.HEALTH_FAILURES_TO_DOWN) await this.markDown(worker, outcome.reason!);
    if (outcome.ok && rows[0].success_streak >= this.config.HEALTH_SUCCESSES_TO_UP) await this.markUp(worker);
  }

  private async markDown(worker: WorkerRecord, reason: string): Promise<void> {
    const [changed]: [unknown[], number] = await this.dataSource.query(
      `UPDATE workers SET status = 'down' WHERE id = $1 AND status = 'up' RETURNING id`,
      [worker.id],
    );
    if (changed.length > 0) this.logger.warn(`worker ${worker.name} is down: ${reason}`);
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
    const [changed]: [unknown[], number] = await this.dataSource.query(
      `UPDATE workers SET status = 'up' WHERE id = $1 AND status = 'down' RETURNING id`,
      [worker.id],
    );
    await this.incidents.close('worker_down', worker.name);
    // Said once the incident is closed: from this line on, its recovery alert is owed.
    if (changed.length > 0) this.logger.log(`worker ${worker.name} is up again`);
  }
}
