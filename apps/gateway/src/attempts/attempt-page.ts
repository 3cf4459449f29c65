import {
  ANALYSIS_TITLES,
  Attempt,
  DatasetResult,
  Grade,
  isAnalysisAction,
  isFinal,
  LibwbLog,
  LibwbTimer,
  Mp,
  UNJUDGED_STATUSES,
} from '@wb/common';
import type { Mismatches } from '@wb/judge';
import { formatDuration } from '../pages/duration';
import { datasetLabel, escapeHtml, formatDate, jsonForScript, layout, PageUser, statusBadge } from '../pages/html';
import { analysisHtml } from './analysis-report';
import { verdictSummary } from './verdict-summary';

function table(caption: string, head: string[], rows: string[][], className: string): string {
  if (!rows.length) return '';
  return `<div class="table-wrap"><table class="${className}"><caption>${caption}</caption><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

const preLine = (text: string) => `<span class="pre-line">${escapeHtml(text)}</span>`;

const section = (title: string, text: string) => (text ? `<h3>${title}</h3><pre class="output">${escapeHtml(text)}</pre>` : '');

function timersTable(timers: LibwbTimer[], caption = 'Timers (wbTime)'): string {
  return table(
    caption,
    ['Kind', 'Message', 'Elapsed'],
    timers.map((t) => [escapeHtml(t.kind), escapeHtml(t.message), formatDuration(t.elapsedMs)]),
    'timers',
  );
}

function logsTable(logs: LibwbLog[], caption = 'Log (wbLog)'): string {
  return table(
    caption,
    ['Level', 'Message', 'Where'],
    logs.map((l) => [escapeHtml(l.level), preLine(l.message), `${escapeHtml(l.file)}:${l.line}`]),
    'logs',
  );
}

/** Got minus expected with its sign, so that "too small" and "too large" read at a glance. */
const signed = (n: number | undefined) => (n === undefined ? '—' : n > 0 ? `+${n}` : String(n).replace('-', '\u2212'));

/** Where a wrong output differs: the first mismatches, and how many in all. */
function mismatchTable(m: Mismatches): string {
  const shown = m.first.length;
  const positioned = m.first.some((x) => x.where !== undefined);
  const caption = `Mismatches: <strong>${m.total}</strong> in all${m.total > shown ? `, the first ${shown} shown` : ''}`;
  return table(
    caption,
    [positioned ? 'Where' : 'Index', 'Expected', 'Got', 'Difference'],
    m.first.map((x) => [escapeHtml(x.where ?? String(x.index)), escapeHtml(x.expected), escapeHtml(x.actual), signed(x.difference)]),
    'mismatches',
  );
}

/**
 * One dataset's run: its verdict, the comparison's message and mismatches, and what the program
 * printed, timed and logged on that dataset alone. A student sees none of that for a hidden
 * dataset ({@link visibleAttempt} has removed it), only the verdict.
 */
function datasetRun(a: Attempt, r: DatasetResult, own: { timers: boolean; logs: boolean }): string {
  const timers = own.timers ? a.timers.filter((t) => t.dataset === r.dataset) : [];
  const logs = own.logs ? a.logs.filter((l) => l.dataset === r.dataset) : [];
  return `<section class="dataset-run" data-dataset="${r.dataset}" aria-labelledby="dataset-run-${r.dataset}">
<h3 id="dataset-run-${r.dataset}">Dataset ${r.dataset} ${statusBadge(r.status)} <span class="muted">${formatDuration(r.timeMs)}</span></h3>
<p class="run-message">${preLine(r.message)}</p>
${r.mismatches ? mismatchTable(r.mismatches) : ''}${r.output ? `<pre class="output">${escapeHtml(r.output)}</pre>` : ''}${timersTable(timers)}${logsTable(logs)}
</section>`;
}

/**
 * The runs, one section per dataset. Attempts from before runs kept their own output, timers and
 * logs apart show those merged, below the sections, as they were recorded.
 */
function runs(a: Attempt): string {
  const overview = table(
    'Datasets',
    ['Dataset', 'Verdict', 'Time', 'Message'],
    a.results.map((r) => [String(r.dataset), statusBadge(r.status), formatDuration(r.timeMs), preLine(r.message)]),
    'results',
  );
  const own = { timers: a.timers.every((t) => t.dataset !== undefined), logs: a.logs.every((l) => l.dataset !== undefined) };
  // A hidden run has no output for a student, whatever the attempt's age: the public runs tell.
  const perRunOutput = a.results.some((r) => r.output !== undefined);
  return `${overview}${section('Compiler output', a.compilerOutput)}${a.results.map((r) => datasetRun(a, r, own)).join('')}
${perRunOutput ? '' : section('Program output', a.output)}${own.timers ? '' : timersTable(a.timers, 'Timers (wbTime), every dataset')}${own.logs ? '' : logsTable(a.logs, 'Log (wbLog), every dataset')}`;
}

/** A grade attempt's score: there, coming (the grader scores a verdict a moment later), or never (the platform did not judge it). */
function gradeState(a: Attempt, grade: Grade | null | undefined): 'none' | 'scored' | 'pending' | 'unjudged' {
  if (a.kind !== 'grade' || !isFinal(a.status)) return 'none';
  if (grade) return 'scored';
  return UNJUDGED_STATUSES.includes(a.status) ? 'unjudged' : 'pending';
}

/** The score of a grade attempt and how it adds up, as the grader recorded it. */
function gradeBreakdown(mp: Mp, a: Attempt, grade: Grade | null | undefined): string {
  const state = gradeState(a, grade);
  if (state === 'unjudged')
    return '<p class="grade-breakdown" id="attempt-grade">This grade attempt gets no grade: the platform could not judge the program.</p>';
  if (state === 'pending')
    return '<p class="grade-breakdown" id="attempt-grade" role="status">Being graded: the score shows here in a moment.</p>';
  if (!grade) return '';
  const lab = `/grade/${encodeURIComponent(mp.config.id)}`;
  const items = table(
    'How the score adds up',
    ['Item', 'Points', 'Why'],
    grade.items.map((i) => [escapeHtml(i.name), `${i.earned} / ${i.points}`, preLine(i.message)]),
    'grade-items',
  );
  return `<section class="grade-breakdown" id="attempt-grade" aria-labelledby="attempt-grade-score">
<h3 id="attempt-grade-score">Grade <strong>${grade.score} / ${grade.maxScore}</strong>${grade.late ? ' (late)' : ''}</h3>
${items}<p><a href="${lab}">Your grade for this lab</a> (the one that counts, and every grade you had)</p>
</section>`;
}

/**
 * One attempt in full. The lab page swaps this same fragment in when a live attempt finishes,
 * so there is a single renderer and every program-controlled string is escaped here. A grade
 * attempt that the grader has not scored yet is marked `data-grade="pending"`, for the page's
 * script to fetch it again.
 */
export function attemptDetailHtml(mp: Mp, a: Attempt, grade?: Grade | null): string {
  const gradePending = gradeState(a, grade) === 'pending';
  return `<div class="attempt-detail" data-attempt="${escapeHtml(a.id)}" data-status="${escapeHtml(a.status)}"${gradePending ? ' data-grade="pending"' : ''}>
<p class="attempt-summary">${a.kind === 'grade' ? '<span class="grade-mark">grade</span> · ' : ''}${isAnalysisAction(a.kind) ? `<span class="analysis-mark">${ANALYSIS_TITLES[a.kind]}</span> · ` : ''}Dataset <strong>${datasetLabel(a.dataset)}</strong> · ${statusBadge(a.status, 'attempt-status')}
 · submitted ${formatDate(a.createdAt)}${a.finishedAt ? ` · finished ${formatDate(a.finishedAt)}` : ''}</p>
<p class="verdict-summary">${escapeHtml(verdictSummary(a))}</p>
${isFinal(a.status) ? '' : '<p class="muted" role="status">Waiting for a worker; this updates by itself.</p>'}
${gradeBreakdown(mp, a, grade)}${analysisHtml(mp.config.id, a)}${runs(a)}
<details><summary>Program as submitted</summary><pre class="program"><code class="language-cpp">${escapeHtml(a.program)}</code></pre></details>
<p><a href="/mp/${encodeURIComponent(mp.config.id)}/attempt/${escapeHtml(a.id)}">Permanent link to this attempt</a></p>
</div>`;
}

export function attemptPage(mp: Mp, a: Attempt, user: PageUser, grade?: Grade | null): string {
  const id = encodeURIComponent(mp.config.id);
  const body = `<p class="crumbs"><a href="/mp/${id}#attempts">${escapeHtml(mp.config.title)}</a> › attempt</p>
<h1>Attempt</h1>
<section id="attempt-live" aria-live="polite">${attemptDetailHtml(mp, a, grade)}</section>
<script type="application/json" id="attempt-data">${jsonForScript({ mpId: mp.config.id, attemptId: a.id, final: isFinal(a.status) })}</script>`;
  return layout('Attempt', body, user, { scripts: ['attempt'], current: 'labs' });
}
