import { AlertJob, Incident, IncidentKind, IncidentsRepository, NewIncident, OwedAlert } from '@wb/common';
import { randomUUID } from 'node:crypto';
import { FakeWorkersRepository } from './fake-workers-repository';
import { PublicOf } from './public-of';

/**
 * The incidents table in memory, for the unit tests of the services that use
 * {@link IncidentsRepository}: the same rules (one open incident per kind and subject, closed
 * once, alerts owed until stamped) without Postgres. It reads the workers' status and URL from
 * the fake workers table it is given. The real repository's SQL is tested against Postgres in
 * its own spec.
 */
export class FakeIncidentsRepository implements PublicOf<IncidentsRepository> {
  readonly rows = new Map<string, Incident>();

  constructor(private readonly workers = new FakeWorkersRepository()) {}

  /** This fake where a service takes the repository: only the real one's private DataSource differs. */
  get repository(): IncidentsRepository {
    return this as unknown as IncidentsRepository;
  }

  async isOpen(kind: IncidentKind, subject: string): Promise<boolean> {
    return Boolean(this.openOf(kind, subject));
  }

  async open(incident: NewIncident): Promise<string | null> {
    if (this.openOf(incident.kind, incident.subject)) return null;
    const opened: Incident = {
      id: randomUUID(),
      kind: incident.kind,
      subject: incident.subject,
      workerId: incident.workerId ?? null,
      openedAt: new Date(),
      closedAt: null,
      closedBecause: null,
      reason: incident.reason,
      actions: incident.actions,
      logTail: incident.logTail ?? '',
      openedAlertSentAt: null,
      closedAlertSentAt: null,
    };
    this.rows.set(opened.id, opened);
    return opened.id;
  }

  async closeRecovered(kind: IncidentKind, subject: string): Promise<string[]> {
    const open = this.openOf(kind, subject);
    if (!open) return [];
    Object.assign(open, { closedAt: new Date(), closedBecause: 'recovered' });
    return [open.id];
  }

  async closeForStoppedWorkers(): Promise<string[]> {
    const stopped = this.all().filter(
      (i) => i.kind === 'worker_down' && !i.closedAt && i.workerId && this.workers.rows.get(i.workerId)?.status === 'stopped',
    );
    for (const i of stopped) Object.assign(i, { closedAt: new Date(), closedBecause: 'stopped' });
    return stopped.map((i) => i.id);
  }

  async owedAlertJobs(): Promise<AlertJob[]> {
    return this.owed().map((a) => ({ incidentId: a.id, event: a.event }));
  }

  async sendOwedAlerts(send: (owed: OwedAlert[]) => Promise<void>): Promise<number> {
    const owed = this.owed();
    if (owed.length === 0) return 0;
    await send(owed);
    for (const a of owed) this.rows.get(a.id)![a.event === 'opened' ? 'openedAlertSentAt' : 'closedAlertSentAt'] = new Date();
    return owed.length;
  }

  async forWorker(workerId: string, limit: number): Promise<Incident[]> {
    return this.oldestFirst(this.all().filter((i) => i.workerId === workerId))
      .reverse()
      .slice(0, limit);
  }

  async listOpen(): Promise<Incident[]> {
    return this.oldestFirst(this.all().filter((i) => !i.closedAt));
  }

  async openWorkerDownByWorker(): Promise<Map<string, Incident>> {
    const open = this.all().filter((i) => i.kind === 'worker_down' && !i.closedAt && i.workerId);
    return new Map(open.map((i) => [i.workerId!, { ...i }]));
  }

  private openOf(kind: IncidentKind, subject: string): Incident | undefined {
    return this.all().find((i) => i.kind === kind && i.subject === subject && !i.closedAt);
  }

  /** Owed alerts as the real query orders them: the oldest incident first, its opening before its closing. */
  private owed(): OwedAlert[] {
    return this.oldestFirst(this.all()).flatMap((i) => {
      const alert = (event: OwedAlert['event']): OwedAlert => ({
        id: i.id,
        event,
        kind: i.kind,
        subject: i.subject,
        workerUrl: (i.workerId && this.workers.rows.get(i.workerId)?.url) || null,
        reason: i.reason,
        actions: i.actions,
        logTail: i.logTail,
        openedAt: i.openedAt,
        closedAt: i.closedAt,
        closedBecause: i.closedBecause,
      });
      return [...(i.openedAlertSentAt ? [] : [alert('opened')]), ...(i.closedAt && !i.closedAlertSentAt ? [alert('closed')] : [])];
    });
  }

  private all(): Incident[] {
    return [...this.rows.values()];
  }

  private oldestFirst(incidents: Incident[]): Incident[] {
    return incidents.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  }
}
