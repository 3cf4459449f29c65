import { Injectable } from '@nestjs/common';
import { Incident, IncidentsRepository, Toolchain, WorkerProbe, WorkerProbesRepository, WorkersRepository } from '@wb/common';

const PROBES_SHOWN = 50;
const INCIDENTS_SHOWN = 20;

/** What the notifier recorded about workers, read for the staff (it writes, the gateway reads). */
@Injectable()
export class WorkerHealthReader {
  constructor(
    private readonly workers: WorkersRepository,
    private readonly probeHistory: WorkerProbesRepository,
    private readonly incidentLog: IncidentsRepository,
  ) {}

  probes(workerId: string): Promise<WorkerProbe[]> {
    return this.probeHistory.recent(workerId, PROBES_SHOWN);
  }

  incidents(workerId: string): Promise<Incident[]> {
    return this.incidentLog.forWorker(workerId, INCIDENTS_SHOWN);
  }

  /** Every incident still open, workers' and queues' alike, oldest first. */
  openIncidents(): Promise<Incident[]> {
    return this.incidentLog.listOpen();
  }

  /** The open incident of each worker that has one. */
  openIncidentByWorker(): Promise<Map<string, Incident>> {
    return this.incidentLog.openWorkerDownByWorker();
  }

  /** Whether a worker that is up (heartbeating, probes passing) serves this toolchain. */
  isServed(toolchain: Toolchain): Promise<boolean> {
    return this.workers.isServed(toolchain);
  }
}
