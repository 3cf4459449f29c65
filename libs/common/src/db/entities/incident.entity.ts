import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type IncidentKind = 'worker_down' | 'queue_backlog' | 'queue_no_consumer';

/** Why an incident closed: what failed works again, or the worker was stopped while down. */
export type IncidentClosure = 'recovered' | 'stopped';

/**
 * Something that stopped working, from when the notifier noticed to when it recovered. The two
 * `*_alert_sent_at` columns are the alert outbox: an email is owed until they are set.
 */
@Entity('incidents')
export class Incident {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: IncidentKind;

  /** The worker's name or the queue's name. */
  @Column({ type: 'varchar', length: 128 })
  subject!: string;

  @Column({ name: 'worker_id', type: 'uuid', nullable: true })
  workerId!: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Set exactly when `closedAt` is. */
  @Column({ name: 'closed_because', type: 'varchar', length: 16, nullable: true })
  closedBecause!: IncidentClosure | null;

  @Column({ type: 'text' })
  reason!: string;

  /** What the platform did about it, for the email and the staff page. */
  @Column({ type: 'text' })
  actions!: string;

  /** The worker's last log lines when the incident opened (it may be unreachable later). */
  @Column({ name: 'log_tail', type: 'text' })
  logTail!: string;

  @Column({ name: 'opened_alert_sent_at', type: 'timestamptz', nullable: true })
  openedAlertSentAt!: Date | null;

  @Column({ name: 'closed_alert_sent_at', type: 'timestamptz', nullable: true })
  closedAlertSentAt!: Date | null;
}
