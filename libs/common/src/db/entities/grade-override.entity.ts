import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A grade staff changed by hand: who, from what to what, and why (never deleted with the change). */
@Entity('grade_overrides')
@Index('grade_overrides_grade', ['gradeId', 'createdAt'])
export class GradeOverride {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'grade_id', type: 'uuid' })
  gradeId!: string;

  @Column({ name: 'staff_id', type: 'uuid', nullable: true })
  staffId!: string | null;

  @Column({ name: 'old_score', type: 'real' })
  oldScore!: number;

  @Column({ name: 'new_score', type: 'real' })
  newScore!: number;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
