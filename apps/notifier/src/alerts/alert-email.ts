import { OwedAlert } from './owed-alert';

export interface AlertEmail {
  subject: string;
  text: string;
}

const WHAT: Record<OwedAlert['kind'], string> = {
  worker_down: 'worker down',
  queue_backlog: 'queue backlog',
  queue_no_consumer: 'queue without consumer',
};

/** One email for every alert owed now: one subject line that says it all when there is one. */
export function composeAlertEmail(alerts: OwedAlert[], gatewayUrl: string): AlertEmail {
  const subject =
    alerts.length === 1
      ? `[wb] ${alerts[0].event === 'opened' ? 'DOWN' : 'RECOVERED'}: ${WHAT[alerts[0].kind]} ${alerts[0].subject}`
      : `[wb] ${alerts.filter((a) => a.event === 'opened').length} down, ${alerts.filter((a) => a.event === 'closed').length} recovered`;
  const sections = alerts.map((a) => (a.event === 'opened' ? describeOpened(a) : describeClosed(a)));
  return { subject, text: `${sections.join('\n\n----\n\n')}\n\nWorkers: ${new URL('/admin/workers', gatewayUrl).href}\n` };
}

function describeOpened(a: OwedAlert): string {
  return [
    `DOWN: ${WHAT[a.kind]} ${a.subject}${a.workerUrl ? ` (${a.workerUrl})` : ''}`,
    `Since: ${a.openedAt.toISOString()}`,
    `Failure: ${a.reason}`,
    `What was done: ${a.actions}`,
    ...(a.logTail ? ['Last log lines:', indent(a.logTail)] : []),
    `Incident: ${a.id}`,
  ].join('\n');
}

function describeClosed(a: OwedAlert): string {
  const minutes = a.closedAt ? Math.round((a.closedAt.getTime() - a.openedAt.getTime()) / 60_000) : 0;
  return [
    `RECOVERED: ${WHAT[a.kind]} ${a.subject}${a.workerUrl ? ` (${a.workerUrl})` : ''}`,
    `Down from ${a.openedAt.toISOString()} to ${a.closedAt?.toISOString()} (about ${minutes} min)`,
    `It was: ${a.reason}`,
    a.kind === 'worker_down' ? 'It is back in rotation and consumes its queues again.' : 'Back to normal.',
    `Incident: ${a.id}`,
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
