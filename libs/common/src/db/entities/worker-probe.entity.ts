import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One health probe of one worker by the notifier: the history staff read on /worker/:id. */
@Entity('worker_probes')
export class WorkerProbe {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'worker_id', type: 'uuid' })
  workerId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'integer' })
  ms!: number;
}
