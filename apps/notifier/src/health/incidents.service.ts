import { Injectable, Logger } from '@nestjs/common';
import { AlertJob, IncidentClosure, IncidentKind } from '@wb/common';
import { DataSource } from 'typeorm';
import { AlertQueue } from '../alerts/alert-queue';

export interface NewIncident {
  kind: IncidentKind;
  subject: string;
  workerId?: string | null;
  reason: string;
  actions: string;
  logTail?: string;
}

/**
 * Opens and closes incidents, at most one open per (kind, subject) even with several notifier
 * replicas (a partial unique index decides), and queues the email each change owes.
 */
@Injectable()
export class IncidentsService {
  private readonly logger = new Logger(IncidentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertQueue,
  ) {}

  async isOpen(kind: IncidentKind, subject: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM incidents WHERE kind = $1 AND subject = $2 AND closed_at IS NULL`, [
      kind,
      subject,
    ]);
    return rows.length > 0;
  }

  /** Returns the new incident's id, or null when one was already open. */
  async open(incident: NewIncident): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO incidents (kind, subject, worker_id, reason, actions, log_tail) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, subject) WHERE closed_at IS NULL DO NOTHING RETURNING id`,
      [incident.kind, incident.subject, incident.workerId ?? null, incident.reason, incident.actions, incident.logTail ?? ''],
    );
    if (rows.length === 0) return null;
    this.logger.warn(`incident ${rows[0].id} opened: ${incident.kind} ${incident.subject}: ${incident.reason}`);
    await this.alerts.enqueue({ incidentId: rows[0].id, event: 'opened' });
    return rows[0].id;
  }

  /**
   * Queues again every alert still owed: one whose job could not be added (Redis blinked between
   * the INSERT and the add) is sent on the next round instead of never. Job ids make this a no-op
   * for alerts already queued.
   */
  async requeueOwed(): Promise<void> {
    const owed: AlertJob[] = await this.dataSource.query(
      `SELECT id AS "incidentId", 'opened' AS event FROM incidents WHERE opened_alert_sent_at IS NULL
       UNION ALL
       SELECT id, 'closed' FROM incidents WHERE closed_at IS NOT NULL AND closed_alert_sent_at IS NULL`,
    );
    for (const job of owed) await this.alerts.enqueue(job);
  }

  /** Closes the open incident of this kind and subject, if any: it works again. */
  async close(kind: IncidentKind, subject: string): Promise<void> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE incidents SET closed_at = now(), closed_because = 'recovered'
       WHERE kind = $1 AND subject = $2 AND closed_at IS NULL RETURNING id`,
      [kind, subject],
    );
    await this.closed(rows, 'recovered');
  }

  /**
   * Closes the incidents of workers that were stopped (deregistered) while down: nothing probes
   * them any more, so nothing else would, and the staff should hear that the worker is out of
   * rotation rather than wait for a recovery. A worker that registers again starts afresh.
   */
  async closeForStoppedWorkers(): Promise<void> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE incidents i SET closed_at = now(), closed_because = 'stopped'
       FROM workers w
       WHERE i.worker_id = w.id AND w.status = 'stopped' AND i.kind = 'worker_down' AND i.closed_at IS NULL
       RETURNING i.id`,
    );
    await this.closed(rows, 'stopped');
  }

  private async closed(rows: { id: string }[], because: IncidentClosure): Promise<void> {
    for (const { id } of rows) {
      this.logger.log(`incident ${id} closed (${because})`);
      await this.alerts.enqueue({ incidentId: id, event: 'closed' });
    }
  }
}
