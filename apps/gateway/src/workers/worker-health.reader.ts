import { Injectable } from '@nestjs/common';
import { Incident, IncidentsRepository, Toolchain, WorkerProbe, WorkerProbesRepository, WorkersRepository } from '@wb/common';

const PROBES_SHOWN = 50;
const INCIDENTS_SHOWN = 20;
const SERVED_LATELY_MS = 5_000;

/** What the notifier recorded about workers, read for the staff (it writes, the gateway reads). */
@Injectable()
export class WorkerHealthReader {
  private readonly served = new Map<Toolchain, { at: number; value: Promise<boolean> }>();

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

  /**
   * The same, from a look at most {@link SERVED_LATELY_MS} old: every open lab page whose Run is
   * off asks it until a worker is back, and one query per toolchain and process answers them all.
   */
  isServedLately(toolchain: Toolchain): Promise<boolean> {
    const cached = this.served.get(toolchain);
    if (cached && Date.now() - cached.at < SERVED_LATELY_MS) return cached.value;
    const value = this.isServed(toolchain);
    this.served.set(toolchain, { at: Date.now(), value });
    value.catch(() => this.served.delete(toolchain));
    return value;
  }
}
