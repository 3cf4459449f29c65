import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AttemptsRepository, Incident, servesGpu, WorkerRecord, WorkerStatus } from '@wb/common';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { WorkerHealthReader } from './worker-health.reader';
import { WorkerLogClient } from './worker-log.client';

@Injectable()
export class WorkersService {
  private readonly workers: Repository<WorkerRecord>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly health: WorkerHealthReader,
    private readonly log: WorkerLogClient,
    private readonly attempts: AttemptsRepository,
  ) {
    this.workers = dataSource.getRepository(WorkerRecord);
  }

  /** A worker is known by its name: registering again (a restart) updates the same row. */
  async register(dto: RegisterWorkerDto): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      // A restarted worker starts with clean probe streaks; an incident still open is closed by
      // the notifier once its probes succeed again.
      `INSERT INTO workers (name, url, toolchains, gpu, gpu_probe, version, status, registered_at, last_heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'up', now(), now())
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, toolchains = EXCLUDED.toolchains, gpu = EXCLUDED.gpu,
         gpu_probe = EXCLUDED.gpu_probe, version = EXCLUDED.version, status = 'up', registered_at = now(),
         last_heartbeat_at = now(), failure_streak = 0, success_streak = 0
       RETURNING id`,
      [dto.name, dto.url, dto.toolchains, dto.gpu ?? null, dto.gpuProbe ?? servesGpu(dto.toolchains), dto.version ?? null],
    );
    return rows[0].id;
  }

  /** The answer tells the worker whether to consume its queues: the notifier may have marked it down. */
  async heartbeat(id: string): Promise<{ status: WorkerStatus }> {
    await this.updateKnown(id, { lastHeartbeatAt: new Date() });
    const worker = await this.workers.findOneByOrFail({ id });
    return { status: worker.status };
  }

  async deregister(id: string): Promise<void> {
    await this.updateKnown(id, { status: 'stopped' });
  }

  private async updateKnown(id: string, change: Partial<WorkerRecord>): Promise<void> {
    const result = isUUID(id) ? await this.workers.update({ id }, change) : { affected: 0 };
    if (!result.affected) throw new ApiError(HttpStatus.NOT_FOUND, `no worker ${id}; register again`);
  }

  /** Every worker with its open incident, if any: what the staff list shows. */
  async list(): Promise<(WorkerRecord & { openIncident: Incident | null; jobs: number })[]> {
    const [workers, open, jobs] = await Promise.all([
      this.workers.find({ order: { name: 'ASC' } }),
      this.health.openIncidentByWorker(),
      this.attempts.jobsPerWorker(),
    ]);
    return workers.map((w) => ({ ...w, openIncident: open.get(w.id) ?? null, jobs: jobs.get(w.id) ?? 0 }));
  }

  /** `GET /worker/:id`: the worker, its recent log lines and its health history. */
  async detail(id: string) {
    const worker = isUUID(id) ? await this.workers.findOneBy({ id }) : null;
    if (!worker) throw new ApiError(HttpStatus.NOT_FOUND, `no worker ${id}`);
    const [log, probes, incidents] = await Promise.all([this.log.recent(worker), this.health.probes(id), this.health.incidents(id)]);
    return { ...worker, log, probes, incidents };
  }
}
