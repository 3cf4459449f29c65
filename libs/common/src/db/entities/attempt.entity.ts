import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AttemptStatus, DatasetResult, LibwbLog, LibwbTimer } from '../../attempts/attempt-outcome';

/** pg returns bigint as a string; a count of bytes fits a JS number exactly. */
function bigintToNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * 'check' and 'profile' run the program on one dataset under compute-sanitizer or Nsight Compute
 * (analysis-actions.ts); their report is the attempt's `output`.
 */
export type AttemptKind = 'run' | 'grade' | 'check' | 'profile';

/** One submission of a program and everything its run produced. */
@Entity('attempts')
@Index('attempts_user_mp_created', ['userId', 'mpId', 'createdAt'])
export class Attempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  @Column({ type: 'varchar', length: 8, default: 'run' })
  kind!: AttemptKind;

  /** A public dataset's number, or -1 for every dataset. */
  @Column({ type: 'integer' })
  dataset!: number;

  @Column({ type: 'text' })
  program!: string;

  @Column({ name: 'program_sha256', type: 'char', length: 64 })
  programSha256!: string;

  @Column({ type: 'varchar', length: 24, default: 'queued' })
  status!: AttemptStatus;

  @Column({ type: 'boolean', default: false })
  passed!: boolean;

  @Column({ name: 'compiler_output', type: 'text', default: '' })
  compilerOutput!: string;

  /** Bytes the compiler wrote in all; `compilerOutput` keeps the first part (null: not reported). */
  @Column({ name: 'compiler_output_bytes', type: 'bigint', nullable: true, transformer: { to: (v) => v, from: bigintToNumber } })
  compilerOutputBytes!: number | null;

  @Column({ type: 'text', default: '' })
  output!: string;

  /** Bytes the program wrote to stdout and stderr in all; `output` keeps the first part. */
  @Column({ name: 'output_bytes', type: 'bigint', nullable: true, transformer: { to: (v) => v, from: bigintToNumber } })
  outputBytes!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  results!: DatasetResult[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  timers!: LibwbTimer[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  logs!: LibwbLog[];

  @Column({ name: 'worker_id', type: 'uuid', nullable: true })
  workerId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
