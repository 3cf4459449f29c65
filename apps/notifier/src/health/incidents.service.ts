import { Injectable, Logger } from '@nestjs/common';
import { IncidentClosure, IncidentKind, IncidentsRepository, NewIncident } from '@wb/common';
import { AlertQueue } from '../alerts/alert-queue';

/**
 * Opens and closes incidents, at most one open per (kind, subject) even with several notifier
 * replicas ({@link IncidentsRepository} decides), and queues the email each change owes.
 */
@Injectable()
export class IncidentsService {
  private readonly logger = new Logger(IncidentsService.name);

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly alerts: AlertQueue,
  ) {}

  isOpen(kind: IncidentKind, subject: string): Promise<boolean> {
    return this.incidents.isOpen(kind, subject);
  }

  /** Returns the new incident's id, or null when one was already open. */
  async open(incident: NewIncident): Promise<string | null> {
    const id = await this.incidents.open(incident);
    if (id === null) return null;
    this.logger.warn(`incident ${id} opened: ${incident.kind} ${incident.subject}: ${incident.reason}`);
    await this.alerts.enqueue({ incidentId: id, event: 'opened' });
    return id;
  }

  /**
   * Queues again every alert still owed: one whose job could not be added (Redis blinked between
   * the INSERT and the add) is sent on the next round instead of never. Job ids make this a no-op
   * for alerts already queued.
   */
  async requeueOwed(): Promise<void> {
    for (const job of await this.incidents.owedAlertJobs()) await this.alerts.enqueue(job);
  }

  /** Closes the open incident of this kind and subject, if any: it works again. */
  async close(kind: IncidentKind, subject: string): Promise<void> {
    await this.closed(await this.incidents.closeRecovered(kind, subject), 'recovered');
  }

  /**
   * Closes the incidents of workers that were stopped (deregistered) while down: nothing probes
   * them any more, so nothing else would, and the staff should hear that the worker is out of
   * rotation rather than wait for a recovery. A worker that registers again starts afresh.
   */
  async closeForStoppedWorkers(): Promise<void> {
    await this.closed(await this.incidents.closeForStoppedWorkers(), 'stopped');
  }

  private async closed(ids: string[], because: IncidentClosure): Promise<void> {
    for (const id of ids) {
      this.logger.log(`incident ${id} closed (${because})`);
      await this.alerts.enqueue({ incidentId: id, event: 'closed' });
    }
  }
}
