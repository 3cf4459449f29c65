import { Attempt, isFinal, Mp } from '@wb/common';
import { datasetLabel, escapeHtml, formatDate, jsonForScript, layout, PageUser, statusBadge } from '../pages/html';

function table(caption: string, head: string[], rows: string[][], className: string): string {
  if (!rows.length) return '';
  return `<div class="table-wrap"><table class="${className}"><caption>${caption}</caption><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

const ms = (n: number) => `${Number(n).toFixed(n < 10 ? 2 : 0)} ms`;

/**
 * One attempt in full. The lab page swaps this same fragment in when a live attempt finishes,
 * so there is a single renderer and every program-controlled string is escaped here.
 */
export function attemptDetailHtml(mp: Mp, a: Attempt): string {
  const results = table(
    'Datasets',
    ['Dataset', 'Verdict', 'Time', 'Message'],
    a.results.map((r) => [
      String(r.dataset),
      statusBadge(r.status),
      ms(r.timeMs),
      `<span class="pre-line">${escapeHtml(r.message)}</span>`,
    ]),
    'results',
  );
  const timers = table(
    'Timers (wbTime)',
    ['Kind', 'Message', 'Elapsed'],
    a.timers.map((t) => [escapeHtml(t.kind), escapeHtml(t.message), ms(t.elapsedMs)]),
    'timers',
  );
  const logs = table(
    'Log (wbLog)',
    ['Level', 'Message', 'Where'],
    a.logs.map((l) => [escapeHtml(l.level), `<span class="pre-line">${escapeHtml(l.message)}</span>`, `${escapeHtml(l.file)}:${l.line}`]),
    'logs',
  );
  const section = (title: string, text: string) => (text ? `<h3>${title}</h3><pre class="output">${escapeHtml(text)}</pre>` : '');
  return `<div class="attempt-detail" data-attempt="${escapeHtml(a.id)}" data-status="${escapeHtml(a.status)}">
<p class="attempt-summary">Dataset <strong>${datasetLabel(a.dataset)}</strong> · ${statusBadge(a.status, 'attempt-status')}
 · submitted ${formatDate(a.createdAt)}${a.finishedAt ? ` · finished ${formatDate(a.finishedAt)}` : ''}</p>
${isFinal(a.status) ? '' : '<p class="muted" role="status">Waiting for a worker; this updates by itself.</p>'}
${results}${section('Compiler output', a.compilerOutput)}${section('Program output', a.output)}${timers}${logs}
<details><summary>Program as submitted</summary><pre class="program"><code class="language-cpp">${escapeHtml(a.program)}</code></pre></details>
<p><a href="/mp/${encodeURIComponent(mp.config.id)}/attempt/${escapeHtml(a.id)}">Permanent link to this attempt</a></p>
</div>`;
}

export function attemptPage(mp: Mp, a: Attempt, user: PageUser): string {
  const id = encodeURIComponent(mp.config.id);
  const body = `<p class="crumbs"><a href="/mp/${id}#attempts">${escapeHtml(mp.config.title)}</a> › attempt</p>
<h1>Attempt</h1>
<section id="attempt-live" aria-live="polite">${attemptDetailHtml(mp, a)}</section>
<script type="application/json" id="attempt-data">${jsonForScript({ mpId: mp.config.id, attemptId: a.id, final: isFinal(a.status) })}</script>`;
  return layout('Attempt', body, user, { scripts: ['attempt'], current: 'labs' });
}
