import type { Grade, Mp } from '@wb/common';
import { escapeHtml, formatDate, layout, PageUser } from '../pages/html';

const NO_GRADE = `<p class="muted">No grade yet. A grade is given when your program is graded on every dataset,
including the hidden ones (the button below, or <code>wb grade</code> from the local client).</p>`;

const score = (g: Grade) => `${g.score} / ${g.maxScore}`;

/** The JSON shape of one grade. */
export function gradeDetail(g: Grade, history: Grade[]) {
  return {
    mpId: g.mpId,
    score: g.score,
    maxScore: g.maxScore,
    attemptId: g.attemptId,
    gradedAt: g.gradedAt,
    late: g.late,
    items: g.items,
    passback: { state: g.passbackState, sentAt: g.passbackSentAt ?? undefined, error: g.passbackError ?? undefined },
    history: history.map((h) => ({ attemptId: h.attemptId, score: h.score, gradedAt: h.gradedAt })),
  };
}

/**
 * Grades what the student sees: the button submits the Code tab's form (its program, the editor's
 * text once the page's script has copied it there, or the plain text area without scripts) to
 * the grade route, which saves that program and grades it, and answers with a redirect to the
 * grade attempt. The saved copy, which may lag behind the editor, is not what is graded. While no
 * worker serves the lab it is off as Run is, with the reason beside it (the page's script turns
 * both on again when a worker is back).
 */
function gradeButton(mp: Mp, noLiveWorker: boolean): string {
  const off = noLiveWorker ? ' disabled aria-describedby="grade-waiting"' : '';
  const reason = noLiveWorker
    ? '\n<p class="notice" role="status" id="grade-waiting">No worker is available right now: Grade is off until one is back.</p>'
    : '';
  return `<p class="grade-form"><button type="submit" form="run-form" formaction="/mp/${encodeURIComponent(mp.config.id)}/grade" id="grade-button"${off}>Grade this program</button>
<span class="muted">saves the program in the editor and runs it on every dataset, the hidden ones included</span></p>${reason}`;
}

/** The lab page's Grade tab. */
export function gradeSummaryHtml(mp: Mp, grade: Grade | null, noLiveWorker = false): string {
  if (!grade) return NO_GRADE + gradeButton(mp, noLiveWorker);
  return `<p>Score <strong>${score(grade)}</strong>${grade.late ? ' (late)' : ''}, graded ${formatDate(grade.gradedAt)}.</p>
<p><a href="/grade/${encodeURIComponent(mp.config.id)}">The grade in detail</a></p>${gradeButton(mp, noLiveWorker)}`;
}

function passbackButton(mp: Mp): string {
  return `<form method="post" action="/mp/${encodeURIComponent(mp.config.id)}/submit_grade"><button type="submit">Send this grade to the course</button></form>`;
}

export function gradesPage(grades: { grade: Grade; title: string }[], user: PageUser): string {
  const rows = grades
    .map(
      ({ grade, title }) =>
        `<tr><th scope="row"><a href="/grade/${encodeURIComponent(grade.mpId)}">${escapeHtml(title)}</a></th><td>${score(grade)}</td>
<td>${formatDate(grade.gradedAt)}</td><td>${escapeHtml(grade.passbackState)}</td></tr>`,
    )
    .join('');
  const body = rows
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">Lab</th><th scope="col">Score</th><th scope="col">Graded</th><th scope="col">Sent to the course</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : NO_GRADE;
  return layout('Grades', `<h1>Grades</h1>${body}`, user, { current: 'grades' });
}

export function gradePage(mp: Mp, grade: Grade, history: Grade[], user: PageUser, passbackEnabled = false): string {
  const items = grade.items
    .map(
      (i) => `<tr><td>${escapeHtml(i.name)}</td><td>${i.earned} / ${i.points}</td><td class="pre-line">${escapeHtml(i.message)}</td></tr>`,
    )
    .join('');
  const past = history
    .map(
      (h) =>
        `<tr><td><a href="/mp/${encodeURIComponent(mp.config.id)}/attempt/${escapeHtml(h.attemptId)}">${formatDate(h.gradedAt)}</a></td><td>${score(h)}</td></tr>`,
    )
    .join('');
  const passback =
    grade.passbackState === 'none'
      ? 'not sent'
      : `${escapeHtml(grade.passbackState)}${grade.passbackSentAt ? ` ${formatDate(grade.passbackSentAt)}` : ''}${grade.passbackError ? ` — ${escapeHtml(grade.passbackError)}` : ''}`;
  const body = `<p class="crumbs"><a href="/grades">Grades</a> › ${escapeHtml(mp.config.title)}</p>
<h1>${escapeHtml(mp.config.title)}: ${score(grade)}</h1>
<p>Graded ${formatDate(grade.gradedAt)}${grade.late ? ' · <strong>late</strong>' : ''} ·
<a href="/mp/${encodeURIComponent(mp.config.id)}/attempt/${escapeHtml(grade.attemptId)}">the graded attempt</a> · sent to the course: ${passback}</p>
${passbackEnabled ? passbackButton(mp) : ''}
<div class="table-wrap"><table><caption>Rubric</caption><thead><tr><th scope="col">Item</th><th scope="col">Points</th><th scope="col">Why</th></tr></thead><tbody>${items}</tbody></table></div>
<div class="table-wrap"><table><caption>History</caption><thead><tr><th scope="col">Graded</th><th scope="col">Score</th></tr></thead><tbody>${past}</tbody></table></div>`;
  return layout(`Grade: ${mp.config.title}`, body, user, { current: 'grades' });
}
