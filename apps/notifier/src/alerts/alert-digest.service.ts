import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { DataSource, EntityManager } from 'typeorm';
import { composeAlertEmail } from './alert-email';
import { Mailer } from './mailer';
import { OwedAlert } from './owed-alert';

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
 * Sends every alert owed right now as one email. Digests are taken one at a time: two replicas'
 * jobs that fire together (two incidents opened in one round) would otherwise each lock part of
 * the owed rows and send two emails for what failed together. The rows are marked only once the
 * email is accepted: two replicas never send the same alert, and an SMTP failure rolls back, so
 * the job's retry sends it later.
 */
@Injectable()
export class AlertDigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  /** How many alerts the email carried (0: a sibling job's digest already sent them). */
  sendOwed(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(DIGEST_LOCK);
      const owed: OwedAlert[] = await tx.query(OWED);
      if (owed.length === 0) return 0;
      await this.mailer.send(composeAlertEmail(owed, this.config.GATEWAY_URL));
      await markSent(tx, owed);
      return owed.length;
    });
  }
}

async function markSent(tx: EntityManager, alerts: OwedAlert[]): Promise<void> {
  const ids = (event: OwedAlert['event']) => alerts.filter((a) => a.event === event).map((a) => a.id);
  await tx.query(`UPDATE incidents SET opened_alert_sent_at = now() WHERE id = ANY($1::uuid[])`, [ids('opened')]);
  await tx.query(`UPDATE incidents SET closed_alert_sent_at = now() WHERE id = ANY($1::uuid[])`, [ids('closed')]);
}
