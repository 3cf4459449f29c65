import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, WorkerRecord } from '@wb/common';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { RegisterWorkerDto } from './dto/register-worker.dto';

@Injectable()
export class WorkersService {
  private readonly workers: Repository<WorkerRecord>;

  constructor(private readonly dataSource: DataSource) {
    this.workers = dataSource.getRepository(WorkerRecord);
  }

  /** A worker is known by its name: registering again (a restart) updates the same row. */
  async register(dto: RegisterWorkerDto): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO workers (name, url, toolchains, gpu, version, status, registered_at, last_heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, 'up', now(), now())
       ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url, toolchains = EXCLUDED.toolchains, gpu = EXCLUDED.gpu,
         version = EXCLUDED.version, status = 'up', registered_at = now(), last_heartbeat_at = now()
       RETURNING id`,
      [dto.name, dto.url, dto.toolchains, dto.gpu ?? null, dto.version ?? null],
    );
    return rows[0].id;
  }

  async heartbeat(id: string): Promise<void> {
    await this.updateKnown(id, { lastHeartbeatAt: new Date() });
  }

  async deregister(id: string): Promise<void> {
    await this.updateKnown(id, { status: 'stopped' });
  }

  private async updateKnown(id: string, change: Partial<WorkerRecord>): Promise<void> {
    const result = isUUID(id) ? await this.workers.update({ id }, change) : { affected: 0 };
    if (!result.affected) throw new ApiError(HttpStatus.NOT_FOUND, `no worker ${id}; register again`);
  }

  list(): Promise<WorkerRecord[]> {
    return this.workers.find({ order: { name: 'ASC' } });
  }
}
