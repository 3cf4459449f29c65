import { escapeHtml, layout, PageUser } from '../pages/html';

/** This gateway's recent lines, newest last (each gateway keeps its own). */
export function logPage(lines: string[], user: PageUser): string {
  return layout(
    'Server log',
    `<h1>Server log</h1><p class="muted">The last ${lines.length} lines of this gateway (also at <code>GET /log</code>).</p>
<pre class="log">${escapeHtml(lines.join('\n'))}</pre>`,
    user,
    { current: 'log' },
  );
}
