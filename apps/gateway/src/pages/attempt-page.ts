import { Attempt, isFinal, Mp } from '@wb/common';
import { escapeHtml, layout, PageUser } from './html';

export function attemptPage(mp: Mp, a: Attempt, user: PageUser): string {
  const pending = !isFinal(a.status);
  const rows = a.results
    .map(
      (r) =>
        `<tr><td>${r.dataset}</td><td>${escapeHtml(r.status)}</td><td>${r.timeMs.toFixed(0)} ms</td><td>${escapeHtml(r.message)}</td></tr>`,
    )
    .join('');
  const body = `<h1>${escapeHtml(mp.config.title)}: attempt</h1>
<p>Dataset: ${a.dataset === -1 ? 'all' : a.dataset} · Status: <strong id="status">${escapeHtml(a.status)}</strong>${pending ? ' (this page refreshes)' : ''}</p>
${rows ? `<table><tr><th>Dataset</th><th>Verdict</th><th>Time</th><th>Message</th></tr>${rows}</table>` : ''}
${a.compilerOutput ? `<h2>Compiler output</h2><pre>${escapeHtml(a.compilerOutput)}</pre>` : ''}
${a.output ? `<h2>Program output</h2><pre>${escapeHtml(a.output)}</pre>` : ''}
<h2>Program</h2><pre>${escapeHtml(a.program)}</pre>
<p><a href="/mp/${encodeURIComponent(mp.config.id)}">Back to the lab</a></p>`;
  const html = layout('Attempt', body, user);
  return pending ? html.replace('<head>', '<head><meta http-equiv="refresh" content="1">') : html;
}
