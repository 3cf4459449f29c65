import type { DeadLetterView } from './dead-letter-desk';
import type { UnfinishedRun } from './unfinished-runs';
import { escapeHtml, formatDate, layout, PageUser } from '../pages/html';

/** "4 min 12 s": how long a run has waited or run, as someone on call reads it. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The workers page's list of attempts without a verdict, each with a form that cancels it. */
export function unfinishedRunsSection(runs: UnfinishedRun[], deadLetters: number): string {
  const letters =
    deadLetters > 0
      ? `<p><strong><a href="/admin/dead-letters">${deadLetters} verdict${deadLetters === 1 ? '' : 's'} not delivered</a></strong>: replay or discard them.</p>`
      : '<p class="muted">No undelivered verdicts (<a href="/admin/dead-letters">dead letters</a>).</p>';
  if (runs.length === 0) return `<h2>Runs without a verdict</h2><p class="muted">None: every attempt has its verdict.</p>${letters}`;
  const rows = runs
    .map(
      (r) => `<tr><td>${escapeHtml(formatAge(r.ageMs))}</td><td>${escapeHtml(r.status)}</td><td>${escapeHtml(r.workerName ?? '—')}</td>
<td>${escapeHtml(r.username)}</td><td>${escapeHtml(r.mpId)}${r.kind === 'grade' ? ' (grade)' : ''}</td><td class="snippet">${escapeHtml(r.attemptId)}</td>
<td><form method="post" action="/staff/attempts/${encodeURIComponent(r.attemptId)}/cancel" class="cancel-form">
<label>Reason <input name="reason" maxlength="500" placeholder="shown to the student"></label> <button type="submit">Cancel</button></form></td></tr>`,
    )
    .join('');
  return `<h2>Runs without a verdict</h2><div class="table-wrap"><table><caption>Queued, compiling or running, oldest first</caption>
<thead><tr><th scope="col">Age</th><th scope="col">Status</th><th scope="col">Worker</th><th scope="col">Student</th><th scope="col">Lab</th>
<th scope="col">Attempt</th><th scope="col">Action</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="muted">Cancelling stops the box if a worker runs it; the student sees the attempt as cancelled, with the reason, and no grade counts it.</p>${letters}`;
}

/** Verdicts that workers could not deliver, each with replay and discard forms. */
export function deadLettersPage(letters: DeadLetterView[], user: PageUser): string {
  const rows = letters
    .map((l) => {
      const id = encodeURIComponent(l.id);
      return `<tr><td>${formatDate(l.failedAt)}</td><td>${escapeHtml(l.mpId)}</td><td class="snippet">${escapeHtml(l.attemptId)}</td>
<td>${escapeHtml(l.verdict)}</td><td>${escapeHtml(l.attemptStatus ?? 'gone')}</td><td>${escapeHtml(l.reason)}</td>
<td><form method="post" action="/staff/dead-letters/${id}/replay"><button type="submit">Replay</button></form>
<form method="post" action="/staff/dead-letters/${id}/discard"><button type="submit">Discard</button></form></td></tr>`;
    })
    .join('');
  const table = rows
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">Failed at</th><th scope="col">Lab</th><th scope="col">Attempt</th>
<th scope="col">Verdict</th><th scope="col">Attempt now</th><th scope="col">Why it was not delivered</th><th scope="col">Action</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : '<p class="muted">None: every verdict was delivered.</p>';
  return layout(
    'Dead letters',
    `<h1>Undelivered verdicts</h1>
<p>A worker that cannot deliver a verdict (the gateway refused it, or did not take it in time) keeps it here and ends the attempt as
<em>internal error</em>, so no worker stays stuck on it. <strong>Replay</strong> applies the verdict now, in place of the internal error (and
grades it, for a grade attempt); <strong>Discard</strong> drops it. Both are kept in the audit log.</p>${table}
<p class="muted">The same list as JSON: <code>GET /staff/dead-letters</code>. <a href="/admin/workers">Workers</a></p>`,
    user,
    { current: 'workers' },
  );
}
