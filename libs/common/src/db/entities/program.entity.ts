import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A user's latest saved program for one lab; `revision` grows by one on every save. */
@Entity('programs')
@Unique('programs_user_mp', ['userId', 'mpId'])
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'saved_at', type: 'timestamptz' })
  savedAt!: Date;
}
