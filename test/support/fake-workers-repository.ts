import { ProbeStreaks, ProbeVerdict, Toolchain, WorkerRecord, WorkerRegistration, WorkersRepository, WorkerStatus } from '@wb/common';
import { randomUUID } from 'node:crypto';
import { PublicOf } from './public-of';

/**
 * The workers table in memory, for the unit tests of the services that use
 * {@link WorkersRepository}: the same transitions (a registration back `up` with clean streaks,
 * the notifier's only `up` ↔ `down` and never on a stopped worker) without Postgres. The real
 * repository's SQL is tested against Postgres in its own spec.
 */
export class FakeWorkersRepository implements PublicOf<WorkersRepository> {
  readonly rows = new Map<string, WorkerRecord>();

  /** This fake where a service takes the repository: only the real one's private DataSource differs. */
  get repository(): WorkersRepository {
    return this as unknown as WorkersRepository;
  }

  /** A worker as a test needs it; the rest as a fresh registration has it (up, never probed). */
  add(fields: Partial<WorkerRecord> = {}): WorkerRecord {
    const now = new Date();
    const worker: WorkerRecord = {
      id: randomUUID(),
      name: `w${this.rows.size + 1}`,
      url: 'http://worker:8090',
      toolchains: ['cpp'],
      gpu: null,
      status: 'up',
      version: null,
      registeredAt: now,
      lastHeartbeatAt: now,
      gpuProbe: false,
      failureStreak: 0,
      successStreak: 0,
      lastProbeAt: null,
      lastProbeOk: null,
      lastProbeReason: null,
      ...fields,
    };
    this.rows.set(worker.id, worker);
    return worker;
  }

  async register(registration: WorkerRegistration): Promise<string> {
    const known = this.all().find((w) => w.name === registration.name);
    const now = new Date();
    const fresh = { ...registration, status: 'up' as const, registeredAt: now, lastHeartbeatAt: now, failureStreak: 0, successStreak: 0 };
    if (known) return Object.assign(known, fresh).id;
    return this.add(fresh).id;
  }

  async heartbeat(id: string): Promise<WorkerStatus | null> {
    const worker = this.rows.get(id);
    if (!worker) return null;
    worker.lastHeartbeatAt = new Date();
    return worker.status;
  }

  async deregister(id: string): Promise<boolean> {
    const worker = this.rows.get(id);
    if (worker) worker.status = 'stopped';
    return Boolean(worker);
  }

  async recordProbe(id: string, verdict: ProbeVerdict): Promise<ProbeStreaks | null> {
    const worker = this.rows.get(id);
    if (!worker || worker.status === 'stopped') return null;
    Object.assign(worker, {
      failureStreak: verdict.ok ? 0 : worker.failureStreak + 1,
      successStreak: verdict.ok ? worker.successStreak + 1 : 0,
      lastProbeAt: new Date(),
      lastProbeOk: verdict.ok,
      lastProbeReason: verdict.reason,
    });
    return { failureStreak: worker.failureStreak, successStreak: worker.successStreak };
  }

  async markDown(id: string): Promise<boolean> {
    return this.move(id, 'up', 'down');
  }

  async markUp(id: string): Promise<boolean> {
    return this.move(id, 'down', 'up');
  }

  private move(id: string, from: WorkerStatus, to: WorkerStatus): boolean {
    const worker = this.rows.get(id);
    if (worker?.status !== from) return false;
    worker.status = to;
    return true;
  }

  async findById(id: string): Promise<WorkerRecord | null> {
    const worker = this.rows.get(id);
    return worker ? { ...worker } : null;
  }

  async list(): Promise<WorkerRecord[]> {
    return this.all()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((w) => ({ ...w }));
  }

  async listNotStopped(): Promise<WorkerRecord[]> {
    return this.all()
      .filter((w) => w.status !== 'stopped')
      .map((w) => ({ ...w }));
  }

  async isServed(toolchain: Toolchain): Promise<boolean> {
    return this.all().some((w) => w.status === 'up' && w.toolchains.includes(toolchain));
  }

  async countByToolchain(): ReturnType<WorkersRepository['countByToolchain']> {
    const counts = new Map<string, { toolchain: Toolchain; status: 'up' | 'down'; workers: number }>();
    for (const w of this.all()) {
      if (w.status === 'stopped') continue;
      for (const toolchain of w.toolchains) {
        const key = `${toolchain} ${w.status}`;
        const count = counts.get(key) ?? { toolchain, status: w.status, workers: 0 };
        count.workers++;
        counts.set(key, count);
      }
    }
    return [...counts.values()];
  }

  async servedToolchains(): Promise<Set<Toolchain>> {
    return new Set(this.all().flatMap((w) => (w.status === 'stopped' ? [] : w.toolchains)));
  }

  private all(): WorkerRecord[] {
    return [...this.rows.values()];
  }
}
