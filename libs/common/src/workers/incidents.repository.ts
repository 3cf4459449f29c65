import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Repository } from 'typeorm';
import { Incident, IncidentClosure, IncidentKind } from '../db/entities/incident.entity';
import type { AlertJob } from '../queues/queues';

/** What opening an incident records; it opens now, with no alert sent yet. */
export interface NewIncident {
  kind: IncidentKind;
  subject: string;
  workerId?: string | null;
  reason: string;
  actions: string;
  logTail?: string;
}

/** An incident event whose email has not been sent yet, with what the email says of it. */
export interface OwedAlert {
  id: string;
  event: AlertJob['event'];
  kind: IncidentKind;
  subject: string;
  workerUrl: string | null;
  reason: string;
  actions: string;
  logTail: string;
  openedAt: Date;
  closedAt: Date | null;
  closedBecause: IncidentClosure | null;
}

/**
 * Every owed alert, the oldest incident first and its opening before its closing, locked so that
 * a replica's digest skips what another's is sending.
 */
const OWED = `
  SELECT i.id, e.event, i.kind, i.subject, w.url AS "workerUrl", i.reason, i.actions, i.log_tail AS "logTail",
         i.opened_at AS "openedAt", i.closed_at AS "closedAt", i.closed_because AS "closedBecause"
  FROM incidents i
  LEFT JOIN workers w ON w.id = i.worker_id
  CROSS JOIN LATERAL (VALUES ('opened'), ('closed')) AS e (event)
  WHERE (e.event = 'opened' AND i.opened_alert_sent_at IS NULL)
     OR (e.event = 'closed' AND i.closed_at IS NOT NULL AND i.closed_alert_sent_at IS NULL)
  ORDER BY i.opened_at, e.event DESC
  FOR UPDATE OF i SKIP LOCKED`;

/** One digest at a time across every replica (a transaction-scoped advisory lock). */
const DIGEST_LOCK = `SELECT pg_advisory_xact_lock(hashtext('wb:alert-digest'))`;

/**
 * The `incidents` table: the only class that writes it, and the one that reads it. An incident
 * is opened at most once per (kind, subject) while open, even with several notifier replicas (the
 * partial unique index incidents_one_open decides, not a read before the write); it is closed
 * once, by one conditional UPDATE, as `recovered` or, for a worker stopped while down,
 * `stopped`. The two `*_alert_sent_at` stamps are the alert outbox: each is set only once the
 * email that carries the event is accepted. Every write that opens or closes says which
 * incidents it changed, since those are the alerts its caller must queue.
 */
@Injectable()
export class IncidentsRepository {
  private readonly incidents: Repository<Incident>;

  constructor(private readonly dataSource: DataSource) {
    this.incidents = dataSource.getRepository(Incident);
  }

  async isOpen(kind: IncidentKind, subject: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM incidents WHERE kind = $1 AND subject = $2 AND closed_at IS NULL`, [
      kind,
      subject,
    ]);
    return rows.length > 0;
  }

  /** The new incident's id, or null when one of this kind and subject was open already. */
  async open(incident: NewIncident): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO incidents (kind, subject, worker_id, reason, actions, log_tail) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, subject) WHERE closed_at IS NULL DO NOTHING RETURNING id`,
      [incident.kind, incident.subject, incident.workerId ?? null, incident.reason, incident.actions, incident.logTail ?? ''],
    );
    return rows[0]?.id ?? null;
  }

  /** Closes the open incident of this kind and subject, if any, as recovered; the ids it closed. */
  async closeRecovered(kind: IncidentKind, subject: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE incidents SET closed_at = now(), closed_because = 'recovered'
       WHERE kind = $1 AND subject = $2 AND closed_at IS NULL RETURNING id`,
      [kind, subject],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Closes the open `worker_down` incidents of workers that are stopped now; the ids it closed.
   * One statement reads the workers' status and closes, so a stopped worker that registered
   * again before it runs keeps its incident open until its probes pass (it closes as recovered).
   */
  async closeForStoppedWorkers(): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE incidents i SET closed_at = now(), closed_because = 'stopped'
       FROM workers w
       WHERE i.worker_id = w.id AND w.status = 'stopped' AND i.kind = 'worker_down' AND i.closed_at IS NULL
       RETURNING i.id`,
    );
    return rows.map((r) => r.id);
  }

  /** Every alert not sent yet, as the job that sends it. */
  owedAlertJobs(): Promise<AlertJob[]> {
    return this.dataSource.query(
      `SELECT id AS "incidentId", 'opened' AS event FROM incidents WHERE opened_alert_sent_at IS NULL
       UNION ALL
       SELECT id, 'closed' FROM incidents WHERE closed_at IS NOT NULL AND closed_alert_sent_at IS NULL`,
    );
  }

  /**
   * Hands every alert owed now to `send` (one email) and stamps them sent once it resolves; how
   * many it sent, 0 when none was owed (a sibling job's digest took them). Digests are taken one
   * at a time: two replicas' jobs that fire together (two incidents opened in one round) would
   * otherwise each lock part of the owed rows and send two emails for what failed together. The
   * rows stay locked while `send` runs, so two replicas never send the same alert, and if it
   * throws nothing is stamped: the alerts are owed still, for the job's retry.
   */
  sendOwedAlerts(send: (owed: OwedAlert[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(DIGEST_LOCK);
      const owed: OwedAlert[] = await tx.query(OWED);
      if (owed.length === 0) return 0;
      await send(owed);
      const ids = (event: OwedAlert['event']) => owed.filter((a) => a.event === event).map((a) => a.id);
      await tx.query(`UPDATE incidents SET opened_alert_sent_at = now() WHERE id = ANY($1::uuid[])`, [ids('opened')]);
      await tx.query(`UPDATE incidents SET closed_alert_sent_at = now() WHERE id = ANY($1::uuid[])`, [ids('closed')]);
      return owed.length;
    });
  }

  /** The worker's latest incidents, the newest first (incidents_worker_opened). */
  forWorker(workerId: string, limit: number): Promise<Incident[]> {
    return this.incidents.find({ where: { workerId }, order: { openedAt: 'DESC' }, take: limit });
  }

  /** Every incident still open, workers' and queues' alike, the oldest first. */
  listOpen(): Promise<Incident[]> {
    return this.incidents.find({ where: { closedAt: IsNull() }, order: { openedAt: 'ASC' } });
  }

  /** The open `worker_down` incident of each worker that has one, by worker id. */
  async openWorkerDownByWorker(): Promise<Map<string, Incident>> {
    const open = await this.incidents.find({ where: { closedAt: IsNull(), kind: 'worker_down' } });
    return new Map(open.filter((i) => i.workerId).map((i) => [i.workerId!, i]));
  }
}
