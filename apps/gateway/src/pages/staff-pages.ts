import type { WorkerRecord } from '@wb/common';
import { escapeHtml, formatDate, layout, PageUser } from './html';

export function workersPage(workers: WorkerRecord[], user: PageUser): string {
  const rows = workers
    .map(
      (w) => `<tr><th scope="row">${escapeHtml(w.name)}</th><td>${escapeHtml(w.status)}</td><td>${escapeHtml(w.toolchains.join(', '))}</td>
<td>${escapeHtml(w.gpu ?? '—')}</td><td>${formatDate(w.lastHeartbeatAt)}</td><td class="snippet">${escapeHtml(w.url)}</td><td>${escapeHtml(w.version ?? '—')}</td></tr>`,
    )
    .join('');
  const table = rows
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Toolchains</th><th scope="col">GPU</th>
<th scope="col">Last heartbeat</th><th scope="col">URL</th><th scope="col">Version</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p class="muted">No worker has registered yet.</p>';
  return layout('Workers', `<h1>Workers</h1>${table}<p class="muted">The same list as JSON: <a href="/workers">/workers</a>.</p>`, user, {
    current: 'workers',
  });
}

export function logPage(user: PageUser): string {
  return layout(
    'Server log',
    `<h1>Server log</h1><p class="muted">Not available yet: the gateway does not keep its recent log lines for this page. Read the
gateway's standard output (or its systemd journal) meanwhile.</p>`,
    user,
    { current: 'log' },
  );
}
