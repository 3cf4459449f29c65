import { Injectable } from '@nestjs/common';
import { Incident, Toolchain, WorkerProbe } from '@wb/common';
import { DataSource, In, IsNull } from 'typeorm';

const PROBES_SHOWN = 50;
const INCIDENTS_SHOWN = 20;

/** What the notifier recorded about workers, read for the staff (it writes, the gateway reads). */
@Injectable()
export class WorkerHealthReader {
  constructor(private readonly dataSource: DataSource) {}

  probes(workerId: string): Promise<WorkerProbe[]> {
    return this.dataSource.getRepository(WorkerProbe).find({ where: { workerId }, order: { at: 'DESC' }, take: PROBES_SHOWN });
  }

  incidents(workerId: string): Promise<Incident[]> {
    return this.dataSource.getRepository(Incident).find({ where: { workerId }, order: { openedAt: 'DESC' }, take: INCIDENTS_SHOWN });
  }

  /** Every incident still open, workers' and queues' alike, oldest first. */
  openIncidents(): Promise<Incident[]> {
    return this.dataSource.getRepository(Incident).find({ where: { closedAt: IsNull() }, order: { openedAt: 'ASC' } });
  }

  /** The open incident of each worker that has one. */
  async openIncidentByWorker(): Promise<Map<string, Incident>> {
    const open = await this.dataSource.getRepository(Incident).find({ where: { closedAt: IsNull(), kind: In(['worker_down']) } });
    return new Map(open.filter((i) => i.workerId).map((i) => [i.workerId!, i]));
  }

  /** Whether a worker that is up (heartbeating, probes passing) serves this toolchain. */
  async isServed(toolchain: Toolchain): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM workers WHERE status = 'up' AND $1 = ANY (toolchains) LIMIT 1`, [
      toolchain,
    ]);
    return rows.length > 0;
  }
}
