import type { Attempt, Mp } from '@wb/common';
import { escapeHtml, layout, PageUser } from './html';

export function labsPage(mps: Mp[], user: PageUser): string {
  const rows = mps
    .map(
      (mp) =>
        `<tr><td><a href="/mp/${encodeURIComponent(mp.config.id)}">${escapeHtml(mp.config.title)}</a></td><td>${escapeHtml(mp.config.deadline ?? '—')}</td></tr>`,
    )
    .join('');
  return layout('Labs', `<h1>Labs</h1><table><tr><th>Lab</th><th>Deadline</th></tr>${rows}</table>`, user);
}

export function labPage(mp: Mp, descriptionHtml: string, program: string, attempts: Attempt[], user: PageUser): string {
  const id = encodeURIComponent(mp.config.id);
  const options = mp.datasets
    .filter((d) => !d.hidden)
    .map((d) => `<option value="${d.id}">${d.id}: ${escapeHtml(d.name)}</option>`)
    .join('');
  const history = attempts
    .map(
      (a) =>
        `<tr><td><a href="/mp/${id}/attempt/${a.id}">${a.createdAt.toISOString()}</a></td><td>${a.dataset === -1 ? 'all' : a.dataset}</td><td>${escapeHtml(a.status)}</td></tr>`,
    )
    .join('');
  return layout(
    mp.config.title,
    `<h1>${escapeHtml(mp.config.title)}</h1>
<details open><summary>Description</summary><div class="description">${descriptionHtml}</div></details>
<form method="post" action="/mp/${id}/submit">
  <textarea name="program" rows="30" spellcheck="false">${escapeHtml(program)}</textarea>
  <p><label>Dataset <select name="dataset">${options}<option value="-1">All</option></select></label> <button>Run</button></p>
</form>
<h2>Attempts</h2><table><tr><th>When</th><th>Dataset</th><th>Status</th></tr>${history}</table>`,
    user,
  );
}
