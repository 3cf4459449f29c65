import type { Incident, WorkerRecord } from '@wb/common';
import { escapeHtml, formatDate, layout, PageUser } from '../pages/html';

export type ListedWorker = WorkerRecord & { openIncident: Incident | null };

/** The last probe in one cell: when, and why it failed if it did. */
export function lastProbeCell(w: WorkerRecord): string {
  if (!w.lastProbeAt) return '<span class="muted">not probed yet</span>';
  const verdict = w.lastProbeOk ? 'ok' : `failed: ${escapeHtml(w.lastProbeReason ?? '')}`;
  return `${formatDate(w.lastProbeAt)} · ${verdict}`;
}

export function incidentsTable(incidents: Incident[], caption: string): string {
  if (incidents.length === 0) return `<p class="muted">${escapeHtml(caption)}: none.</p>`;
  const rows = incidents
    .map(
      (
        i,
      ) => `<tr><td>${formatDate(i.openedAt)}</td><td>${i.closedAt ? `${formatDate(i.closedAt)}${closure(i)}` : '<strong>open</strong>'}</td>
<td>${escapeHtml(i.kind.replace(/_/g, ' '))} ${escapeHtml(i.subject)}</td><td>${escapeHtml(i.reason)}</td><td>${escapeHtml(i.actions)}</td>
<td>${i.openedAlertSentAt ? `emailed ${formatDate(i.openedAlertSentAt)}` : 'email pending'}</td></tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">Opened</th><th scope="col">Closed</th>
<th scope="col">What</th><th scope="col">Failure</th><th scope="col">What was done</th><th scope="col">Alert</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function closure(i: Incident): string {
  return i.closedBecause === 'stopped' ? ' <span class="muted">(worker stopped)</span>' : ' <span class="muted">(recovered)</span>';
}

export function workersPage(workers: ListedWorker[], openIncidents: Incident[], runsSection: string, user: PageUser): string {
  const rows = workers
    .map(
      (w) => `<tr><th scope="row"><a href="/admin/workers/${escapeHtml(w.id)}">${escapeHtml(w.name)}</a></th><td>${escapeHtml(w.status)}${
        w.openIncident ? ` <span class="muted">since ${formatDate(w.openIncident.openedAt)}</span>` : ''
      }</td><td>${escapeHtml(w.toolchains.join(', '))}</td>
<td>${escapeHtml(w.gpu ?? '—')}</td><td>${formatDate(w.lastHeartbeatAt)}</td><td>${lastProbeCell(w)}</td><td class="snippet">${escapeHtml(w.url)}</td><td>${escapeHtml(w.version ?? '—')}</td></tr>`,
    )
    .join('');
  const table = rows
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Toolchains</th><th scope="col">GPU</th>
<th scope="col">Last heartbeat</th><th scope="col">Last probe</th><th scope="col">URL</th><th scope="col">Version</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p class="muted">No worker has registered yet.</p>';
  return layout(
    'Workers',
    `<h1>Workers</h1>${table}${runsSection}<h2>Open incidents</h2>${incidentsTable(openIncidents, 'Open incidents, workers and queues')}
<p class="muted">The same list as JSON: <a href="/workers">/workers</a>; one worker: <code>GET /worker/:id</code>; runs without a verdict: <code>GET /staff/runs</code>.</p>`,
    user,
    { current: 'workers' },
  );
}
