import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SimilarityReportState = 'queued' | 'running' | 'done' | 'failed';

/** How far a report has come: `done` of `total` steps of its current phase. */
export interface SimilarityProgress {
  phase: 'queued' | 'collecting' | 'tokenizing' | 'comparing' | 'saving' | 'done';
  done: number;
  total: number;
}

/**
 * One program a report compared: a student's counting program this term, or one imported from
 * an earlier term. Pairs name their two programs by index into the report's list, so a report
 * keeps meaning the same even when grades change after it ran.
 */
export interface SimilaritySubmission {
  kind: 'student' | 'archived';
  /** The student's username, or `<term>/<author>` for an earlier term's program. */
  label: string;
  userId?: string;
  attemptId?: string;
  archivedProgramId?: string;
  /** Why the program could not be compared (the tokenizer could not take it), if it could not. */
  unanalysed?: string;
}

/** A staff-requested comparison of every counting program of one lab (and earlier terms'). */
@Entity('similarity_reports')
@Index('similarity_reports_mp_created', ['mpId', 'createdAt'])
export class SimilarityReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state!: SimilarityReportState;

  @Column({ type: 'jsonb', default: () => `'{"phase":"queued","done":0,"total":0}'` })
  progress!: SimilarityProgress;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  submissions!: SimilaritySubmission[];

  /** Pairs kept (those at or above the report's floor, the most similar first, up to a cap). */
  @Column({ name: 'pair_count', type: 'integer', default: 0 })
  pairCount!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
