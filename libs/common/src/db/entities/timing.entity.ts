import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeviceFacts } from '../../timing/device-facts';
import type { TimedRun, TimingStatus } from '../../timing/timing-verdict';

/** queued: waiting for or on a worker; done: judged (see status); failed: the worker could not finish it. */
export type TimingState = 'queued' | 'done' | 'failed';

/**
 * One timed run of a program on a lab with `performance:` (the timing protocol). Only `valid`
 * ones that no staff member hid count on the leaderboard; `reference` ones are the lab's own
 * solution, drawn as a line rather than ranked.
 */
@Entity('timings')
export class Timing {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  @Column({ name: 'program_sha256', type: 'char', length: 64 })
  programSha256!: string;

  @Column({ type: 'boolean', default: false })
  reference!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state!: TimingState;

  @Column({ type: 'varchar', length: 16, nullable: true })
  status!: TimingStatus | null;

  /** Why it is void or unstable, or why it failed. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  runs!: TimedRun[];

  @Column({ name: 'median_ms', type: 'double precision', nullable: true })
  medianMs!: number | null;

  @Column({ name: 'min_ms', type: 'double precision', nullable: true })
  minMs!: number | null;

  @Column({ name: 'max_ms', type: 'double precision', nullable: true })
  maxMs!: number | null;

  @Column({ type: 'double precision', nullable: true })
  spread!: number | null;

  /** The GPU's model ("NVIDIA H200"), or the CPU's: the leaderboard is per model. */
  @Column({ name: 'device_model', type: 'varchar', length: 200, nullable: true })
  deviceModel!: string | null;

  @Column({ name: 'device_start', type: 'jsonb', nullable: true })
  deviceStart!: DeviceFacts | null;

  @Column({ name: 'device_end', type: 'jsonb', nullable: true })
  deviceEnd!: DeviceFacts | null;

  @Column({ name: 'hidden_reason', type: 'text', nullable: true })
  hiddenReason!: string | null;

  @Column({ name: 'hidden_by', type: 'uuid', nullable: true })
  hiddenBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/** The name a student shows on leaderboards; a student without one is listed as "anonymous". */
@Entity('leaderboard_names')
export class LeaderboardName {
  @Column({ name: 'user_id', type: 'uuid', primary: true })
  userId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 40 })
  displayName!: string;
}
