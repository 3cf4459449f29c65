import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Toolchain } from '../../catalogue/mp-config';

export type WorkerStatus = 'up' | 'down' | 'stopped';

/** A compile-and-run worker, as it registered; the heartbeat keeps `lastHeartbeatAt` fresh. */
@Entity('workers')
export class WorkerRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', array: true })
  toolchains!: Toolchain[];

  @Column({ type: 'text', nullable: true })
  gpu!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'up' })
  status!: WorkerStatus;

  @Column({ type: 'text', nullable: true })
  version!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'last_heartbeat_at', type: 'timestamptz' })
  lastHeartbeatAt!: Date;
}
