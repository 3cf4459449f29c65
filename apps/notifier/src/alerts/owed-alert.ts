import { IncidentClosure, IncidentKind } from '@wb/common';

/** An incident event whose email has not been sent yet. */
export interface OwedAlert {
  id: string;
  event: 'opened' | 'closed';
  kind: IncidentKind;
  subject: string;
  workerUrl: string | null;
  reason: string;
  actions: string;
  logTail: string;
  openedAt: Date;
  closedAt: Date | null;
  closedBecause: IncidentClosure | null;
}
