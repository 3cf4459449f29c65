import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AttemptsRepository, Incident, servesGpu, WorkerRecord, WorkersRepository, WorkerStatus } from '@wb/common';
import { isUUID } from 'class-validator';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { WorkerHealthReader } from './worker-health.reader';
import { WorkerLogClient } from './worker-log.client';

@Injectable()
export class WorkersService {
  constructor(
    private readonly workers: WorkersRepository,
    private readonly health: WorkerHealthReader,
    private readonly log: WorkerLogClient,
    private readonly attempts: AttemptsRepository,
  ) {}

  /**
   * A worker is known by its name: registering again (a restart) updates the same row, back `up`
   * with clean probe streaks; an incident still open is closed by the notifier once its probes
   * succeed again.
   */
  register(dto: RegisterWorkerDto): Promise<string> {
    return this.workers.register({
      name: dto.name,
      url: dto.url,
      toolchains: dto.toolchains,
      gpu: dto.gpu ?? null,
      gpuProbe: dto.gpuProbe ?? servesGpu(dto.toolchains),
      version: dto.version ?? null,
    });
  }

  /** The answer tells the worker whether to consume its queues: the notifier may have marked it down. */
  async heartbeat(id: string): Promise<{ status: WorkerStatus }> {
    const status = isUUID(id) ? await this.workers.heartbeat(id) : null;
    if (!status) throw unknownWorker(id);
    return { status };
  }

  async deregister(id: string): Promise<void> {
    const stopped = isUUID(id) && (await this.workers.deregister(id));
    if (!stopped) throw unknownWorker(id);
  }

  /** Every worker with its open incident, if any: what the staff list shows. */
  async list(): Promise<(WorkerRecord & { openIncident: Incident | null; jobs: number })[]> {
    const [workers, open, jobs] = await Promise.all([
      this.workers.list(),
      this.health.openIncidentByWorker(),
      this.attempts.jobsPerWorker(),
    ]);
    return workers.map((w) => ({ ...w, openIncident: open.get(w.id) ?? null, jobs: jobs.get(w.id) ?? 0 }));
  }

  /** `GET /worker/:id`: the worker, its recent log lines and its health history. */
  async detail(id: string) {
    const worker = isUUID(id) ? await this.workers.findById(id) : null;
    if (!worker) throw new ApiError(HttpStatus.NOT_FOUND, `no worker ${id}`);
    const [log, probes, incidents] = await Promise.all([this.log.recent(worker), this.health.probes(id), this.health.incidents(id)]);
    return { ...worker, log, probes, incidents };
  }
}

/** A worker's own route naming no worker (a non-UUID id names none): a 404 tells it to register again. */
function unknownWorker(id: string): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, `no worker ${id}; register again`);
}
