import { Incident, WorkerProbe, WorkerRecord, workerProbePath } from '@wb/common';
import { escapeHtml, formatDate, layout, PageUser } from '../pages/html';
import { incidentsTable, lastProbeCell } from './workers-page';

export interface WorkerDetail extends WorkerRecord {
  log: { lines: string[]; error?: string };
  probes: WorkerProbe[];
  incidents: Incident[];
}

/** One worker for the staff: what it is, how its probes went, its incidents and its log. */
export function workerPage(w: WorkerDetail, user: PageUser): string {
  const facts = [
    ['Status', escapeHtml(w.status)],
    ['Toolchains', escapeHtml(w.toolchains.join(', '))],
    ['GPU', escapeHtml(w.gpu ?? '—')],
    ['Probed at', escapeHtml(`GET ${workerProbePath(w)}`)],
    ['Last heartbeat', formatDate(w.lastHeartbeatAt)],
    ['Last probe', lastProbeCell(w)],
    ['URL', escapeHtml(w.url)],
    ['Version', escapeHtml(w.version ?? '—')],
  ]
    .map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`)
    .join('');
  const probes = w.probes
    .map(
      (p) =>
        `<tr><td>${formatDate(p.at)}</td><td>${p.ok ? 'ok' : 'failed'}</td><td>${p.ms} ms</td><td>${escapeHtml(p.reason ?? '')}</td></tr>`,
    )
    .join('');
  const probeTable = probes
    ? `<div class="table-wrap"><table><caption>Recent probes, newest first</caption><thead><tr><th scope="col">When</th><th scope="col">Result</th>
<th scope="col">Took</th><th scope="col">Why</th></tr></thead><tbody>${probes}</tbody></table></div>`
    : '<p class="muted">The notifier has not probed this worker yet.</p>';
  const log = w.log.error
    ? `<p class="muted">Its log is not available (${escapeHtml(w.log.error)}).</p>`
    : `<pre class="log">${escapeHtml(w.log.lines.join('\n'))}</pre>`;
  return layout(
    `Worker ${w.name}`,
    `<h1>Worker ${escapeHtml(w.name)}</h1><div class="table-wrap"><table>${facts}</table></div>
<h2>Health</h2>${probeTable}<h2>Incidents</h2>${incidentsTable(w.incidents, 'Incidents, newest first')}
<h2>Recent log</h2>${log}<p><a href="/admin/workers">All workers</a></p>`,
    user,
    { current: 'workers' },
  );
}
