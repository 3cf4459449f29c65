import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a staff member did that changed what a student sees (cancelled a run, replayed a dead letter …). */
@Entity('audit_log')
@Index('audit_log_created', ['createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** e.g. `attempt.cancel`, `dead_letter.replay`, `dead_letter.discard`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** What it was done to: an attempt id, a dead letter's id. */
  @Column({ type: 'varchar', length: 128 })
  subject!: string;

  @Column({ type: 'text', default: '' })
  detail!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
