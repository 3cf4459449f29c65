import type { OwedAlert } from '@wb/common';

export interface AlertEmail {
  subject: string;
  text: string;
}

const WHAT: Record<OwedAlert['kind'], string> = {
  worker_down: 'worker down',
  queue_backlog: 'queue backlog',
  queue_no_consumer: 'queue without consumer',
};

/** What each alert is, in capitals at the head of its section (and the subject when alone). */
function headline(a: OwedAlert): string {
  if (a.event === 'opened') return 'DOWN';
  return a.closedBecause === 'stopped' ? 'CLOSED, WORKER STOPPED' : 'RECOVERED';
}

/** One email for every alert owed now: one subject line that says it all when there is one. */
export function composeAlertEmail(alerts: OwedAlert[], gatewayUrl: string): AlertEmail {
  const count = (h: string) => alerts.filter((a) => headline(a) === h).length;
  const stopped = count('CLOSED, WORKER STOPPED');
  const subject =
    alerts.length === 1
      ? `[wb] ${headline(alerts[0])}: ${WHAT[alerts[0].kind]} ${alerts[0].subject}`
      : `[wb] ${count('DOWN')} down, ${count('RECOVERED')} recovered${stopped ? `, ${stopped} closed (worker stopped)` : ''}`;
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
    `${headline(a)}: ${WHAT[a.kind]} ${a.subject}${a.workerUrl ? ` (${a.workerUrl})` : ''}`,
    `Down from ${a.openedAt.toISOString()} to ${a.closedAt?.toISOString()} (about ${minutes} min)`,
    `It was: ${a.reason}`,
    outcome(a),
    `Incident: ${a.id}`,
  ].join('\n');
}

function outcome(a: OwedAlert): string {
  if (a.closedBecause === 'stopped')
    return 'The worker was stopped and deregistered while down: it is out of rotation until it registers again, and is no longer probed.';
  return a.kind === 'worker_down' ? 'It is back in rotation and consumes its queues again.' : 'Back to normal.';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
