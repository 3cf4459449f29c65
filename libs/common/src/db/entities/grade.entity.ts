import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface GradeItem {
  name: string;
  points: number;
  earned: number;
  message: string;
}

export type PassbackState = 'none' | 'queued' | 'sent' | 'failed';

/** The score of one all-datasets attempt; a user's history of grades for a lab. */
@Entity('grades')
@Index('grades_user_mp_graded', ['userId', 'mpId', 'gradedAt'])
export class Grade {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  /** One grade per attempt: a redelivered grading job cannot score it twice. */
  @Column({ name: 'attempt_id', type: 'uuid', unique: true })
  attemptId!: string;

  @Column({ type: 'real' })
  score!: number;

  @Column({ name: 'max_score', type: 'real' })
  maxScore!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  items!: GradeItem[];

  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Column({ name: 'graded_at', type: 'timestamptz' })
  gradedAt!: Date;

  @Column({ name: 'passback_state', type: 'varchar', length: 16, default: 'none' })
  passbackState!: PassbackState;

  @Column({ name: 'passback_sent_at', type: 'timestamptz', nullable: true })
  passbackSentAt!: Date | null;

  @Column({ name: 'passback_error', type: 'text', nullable: true })
  passbackError!: string | null;
}
