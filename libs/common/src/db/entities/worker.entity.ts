import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { servesGpu, Toolchain } from '../../toolchains/toolchain-specs';

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

  /** The worker has a GPU liveness check worth probing (CUDA, or a site GPU_PROBE_COMMAND). */
  @Column({ name: 'gpu_probe', type: 'boolean', default: false })
  gpuProbe!: boolean;

  @Column({ name: 'failure_streak', type: 'integer', default: 0 })
  failureStreak!: number;

  @Column({ name: 'success_streak', type: 'integer', default: 0 })
  successStreak!: number;

  @Column({ name: 'last_probe_at', type: 'timestamptz', nullable: true })
  lastProbeAt!: Date | null;

  @Column({ name: 'last_probe_ok', type: 'boolean', nullable: true })
  lastProbeOk!: boolean | null;

  @Column({ name: 'last_probe_reason', type: 'text', nullable: true })
  lastProbeReason!: string | null;
}

/**
 * Where the notifier probes a worker: a GPU worker must run a kernel (`/is_gpu_alive`), as must
 * one with a site GPU check; any other must answer `/status`.
 */
export function workerProbePath(worker: Pick<WorkerRecord, 'gpuProbe' | 'toolchains'>): string {
  return worker.gpuProbe || servesGpu(worker.toolchains) ? '/is_gpu_alive' : '/status';
}
