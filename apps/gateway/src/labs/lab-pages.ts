import { analysisAvailable, Attempt, Grade, Mp, toolchainSpec } from '@wb/common';
import { basename } from 'node:path';
import { publicDatasets } from './lab-view';
import { datasetLabel, escapeHtml, formatDate, jsonForScript, layout, PageUser, statusBadge } from '../pages/html';
import { gradeSummaryHtml } from '../grading/grade-pages';
import { verdictSummary } from '../attempts/verdict-summary';

/** A user's standing on one lab, for the labs list. */
export interface LabStanding {
  status: string;
  passed: boolean;
}

/** What a lab is written in, and whether it runs only where there is a GPU. */
function toolchainBadges(mp: Mp): string {
  const spec = toolchainSpec(mp.config.toolchain);
  const gpu = spec.device === 'gpu' ? ' <span class="badge badge-gpu">needs a GPU</span>' : '';
  return `<span class="lab-badges"><span class="badge badge-toolchain">${escapeHtml(spec.badge)}</span>${gpu}</span>`;
}

/** The labs in the order they come (the catalogue's course order), each with the user's standing. */
export function labsPage(mps: Mp[], standings: Map<string, LabStanding>, grades: Grade[], user: PageUser): string {
  const rows = mps
    .map((mp) => {
      const standing = standings.get(mp.config.id);
      const grade = grades.find((g) => g.mpId === mp.config.id);
      return `<tr data-lab="${escapeHtml(mp.config.id)}"><th scope="row"><a href="/mp/${encodeURIComponent(mp.config.id)}">${escapeHtml(mp.config.title)}</a> ${toolchainBadges(mp)}</th>
<td>${mp.config.deadline ? formatDate(mp.config.deadline) : '—'}</td>
<td>${standing ? statusBadge(standing.passed ? 'passed' : standing.status) : '<span class="muted">not tried</span>'}</td>
<td>${grade ? `<a href="/grade/${encodeURIComponent(mp.config.id)}">${grade.score} / ${grade.maxScore}</a>` : '—'}</td></tr>`;
    })
    .join('');
  return layout(
    'Labs',
    `<h1>Labs</h1><div class="table-wrap"><table><thead><tr><th scope="col">Lab</th><th scope="col">Deadline</th><th scope="col">Your best</th><th scope="col">Grade</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4">No labs are loaded.</td></tr>'}</tbody></table></div>`,
    user,
    { current: 'labs' },
  );
}

/** A grade attempt's mark in the attempts table: its score once the grader has given it. */
function gradeMark(a: Attempt, grade: Grade | undefined): string {
  if (a.kind !== 'grade') return '';
  return ` <span class="grade-mark">${grade ? `grade ${grade.score}/${grade.maxScore}` : 'grade'}</span>`;
}

/** One row of the attempts table; `a` as the student may see it ({@link visibleAttempt}). */
export function attemptRow(mpId: string, a: Attempt, grade?: Grade): string {
  const href = `/mp/${encodeURIComponent(mpId)}/attempt/${escapeHtml(a.id)}`;
  return `<tr data-attempt="${escapeHtml(a.id)}"${a.kind === 'grade' ? ' data-kind="grade"' : ''}><td><a href="${href}">${formatDate(a.createdAt)}</a></td><td>${datasetLabel(a.dataset)}${gradeMark(a, grade)}</td>
<td>${statusBadge(a.status)}</td><td class="snippet">${escapeHtml(verdictSummary(a))}</td></tr>`;
}

const TABS = [
  ['description', 'Description'],
  ['code', 'Code'],
  ['attempts', 'Attempts'],
  ['grade', 'Grade'],
] as const;

function tabList(): string {
  return `<div class="tabs" role="tablist" aria-label="Lab sections">${TABS.map(
    ([id, label], i) =>
      `<a role="tab" id="tab-${id}" href="#${id}" aria-controls="panel-${id}" aria-selected="${i === 0}"${i ? ' tabindex="-1"' : ''}>${label}</a>`,
  ).join('')}</div>`;
}

const SHORTCUTS = `<details class="shortcuts"><summary>Shortcuts</summary><div class="shortcut-list"><ul>
<li><kbd>Ctrl</kbd>+<kbd>S</kbd> save (in the editor)</li>
<li><kbd>Ctrl</kbd>+<kbd>Enter</kbd> run the selected dataset</li>
<li><kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> run all datasets</li>
</ul><p class="muted">On a Mac, <kbd>⌘</kbd> instead of <kbd>Ctrl</kbd>.</p></div></details>`;

/**
 * The latest run's result. On a wide screen it heads the results pane; with tabs it follows the
 * Code tab. The page's script shows it (without one, Run opens the attempt's own page) and moves
 * the focus to its heading when a verdict lands.
 */
const CURRENT_ATTEMPT = `<section id="current-attempt" class="current-attempt" aria-labelledby="result-heading" data-shown-with="code" hidden>
<h2 id="result-heading" class="result-heading" tabindex="-1">Latest run</h2>
<div id="current-attempt-body"><p class="muted">Nothing run yet: Run (Ctrl+Enter) shows the result here.</p></div>
</section>`;

/**
 * "Check memory" and "Profile" for a CUDA lab: they post the run form (the editor's text and the
 * chosen dataset) to their own routes, and the browser shows the attempt's page, where the report is.
 */
function analysisButtons(mp: Mp, data: LabPageData): string {
  if (!analysisAvailable(mp.config.toolchain)) return '';
  const id = encodeURIComponent(mp.config.id);
  const disabled = data.noLiveWorker ? ' disabled aria-describedby="worker-waiting"' : '';
  return `<button id="check-button" class="secondary" formaction="/mp/${id}/check" data-analysis="check" title="Runs the program on the dataset under compute-sanitizer: out-of-bounds accesses, races, barrier errors, each with its line"${disabled}>Check memory</button>
  <button id="profile-button" class="secondary" formaction="/mp/${id}/profile" data-analysis="profile" title="Runs the program's kernels under Nsight Compute: time, occupancy, throughput and a line of advice per kernel"${disabled}>Profile</button>`;
}

function codePanel(mp: Mp, data: LabPageData): string {
  const id = encodeURIComponent(mp.config.id);
  const options = publicDatasets(mp)
    .map((d) => `<option value="${d.id}">${d.id}: ${escapeHtml(d.name)}</option>`)
    .join('');
  const downloads = publicDatasets(mp)
    .map((d) => {
      const files = [...d.inputs, d.expected].map((f) => basename(f));
      const links = files.map((f) => `<a href="/mp/${id}/datasets/${d.id}/${encodeURIComponent(f)}" download>${escapeHtml(f)}</a>`);
      return `<li>${d.id}: ${escapeHtml(d.name)} — ${links.join(', ')}</li>`;
    })
    .join('');
  // The run bar comes before the editor: on a phone Run is at hand without scrolling past the program.
  return `<form id="run-form" method="post" action="/mp/${id}/submit" data-submit-interval-ms="${data.submitIntervalMs}">
<div class="toolbar run-bar">
  <label>Dataset <select id="dataset" name="dataset">${options}<option value="-1">All</option></select></label>
  <button id="run-button" title="Ctrl+Enter / ⌘Enter" aria-keyshortcuts="Control+Enter Meta+Enter"${data.noLiveWorker ? ' disabled aria-describedby="worker-waiting"' : ''}>Run</button>
  <span id="run-chip" class="run-chip" role="status"></span>
  <span id="run-state" role="status" aria-live="polite"></span>
  ${analysisButtons(mp, data)}
</div>
${workerWaitingNotice(mp, data)}
<div class="toolbar">
  <span id="save-state" class="save-state" role="status" aria-live="polite">Not saved yet</span>
  <button type="button" id="save-button" title="Ctrl+S / ⌘S">Save</button>
  <button type="button" id="reset-button" class="secondary">Reset to template</button>
  ${SHORTCUTS}
</div>
<div id="conflict" class="conflict" role="alert" hidden></div>
<label for="program" class="visually-hidden">Program</label>
<textarea id="program" name="program" class="program-fallback" rows="24" spellcheck="false">${escapeHtml(data.program)}</textarea>
<div id="editor" class="editor"></div>
</form>
<details class="downloads"><summary>Datasets for local development</summary>
<p>Run locally with the <code>wb</code> client (see <a href="/whoami">your account</a>), or download the public datasets:
<a href="/mp/${id}/datasets">list as JSON</a>.</p><ul id="dataset-files">${downloads}</ul></details>${
    mp.config.performance
      ? `<p id="leaderboard-link"><a href="/mp/${id}/leaderboard">Leaderboard and timed runs</a>: once your program passes every dataset, time it on fresh inputs.</p>`
      : ''
  }`;
}

export interface LabPageData {
  descriptionHtml: string;
  program: string;
  /** As the student may see them ({@link visibleAttempt}). */
  attempts: Attempt[];
  grade: Grade | null;
  /** The student's recent grades, which mark the grade attempts in the attempts table with their scores. */
  attemptGrades?: Grade[];
  /** No worker that is up serves this lab's toolchain (WorkerHealthReader.isServed): runs wait. */
  noLiveWorker?: boolean;
  /** The submission limiter's interval (`SUBMIT_INTERVAL_MS`): the page holds Run (and Grade) that long after a run. */
  submitIntervalMs: number;
}

/**
 * Instead of an endless spinner or runs piling up in a queue nobody takes from: beside Run, which
 * is off meanwhile, the page says that no worker is there and that the notifier has told the
 * staff (a run queue without a consumer is an incident). The page's script turns Run back on
 * when a worker is back; without it, a reload does.
 */
function workerWaitingNotice(mp: Mp, data: LabPageData): string {
  if (!data.noLiveWorker) return '';
  const kind = toolchainSpec(mp.config.toolchain).device === 'gpu' ? 'a GPU worker' : 'a worker';
  const queued = data.attempts.some((a) => a.status === 'queued');
  return `<p class="notice" role="status" id="worker-waiting">${
    queued
      ? `Your run is waiting for ${kind} — the staff have been alerted.`
      : `No ${kind.slice(2)} is available right now — the staff have been alerted.`
  } Run is off until one is back.</p>`;
}

export function labPage(mp: Mp, data: LabPageData, user: PageUser): string {
  const id = mp.config.id;
  const gradeOf = new Map((data.attemptGrades ?? []).map((g) => [g.attemptId, g]));
  const rows = data.attempts.map((a) => attemptRow(id, a, gradeOf.get(a.id))).join('');
  const clientData = {
    mpId: id,
    template: mp.template,
    username: user.username, // keys the browser's copy of unsaved text
    datasets: publicDatasets(mp).map((d) => ({ id: d.id, name: d.name })),
  };
  const body = `<h1>${escapeHtml(mp.config.title)}</h1>
<p class="muted">${mp.config.deadline ? `Due ${formatDate(mp.config.deadline)}` : 'No deadline'} · ${escapeHtml(toolchainSpec(mp.config.toolchain).displayName)} · ${mp.config.limits.run_s} s per dataset</p>
${tabList()}
<div class="workspace" id="workspace">
<section class="panel pane" role="tabpanel" id="panel-description" aria-labelledby="tab-description"><div class="description">${data.descriptionHtml}</div></section>
<section class="panel pane pane-code" role="tabpanel" id="panel-code" aria-labelledby="tab-code">${codePanel(mp, data)}</section>
<div class="pane results-pane" id="results-pane">${CURRENT_ATTEMPT}
<section class="panel" role="tabpanel" id="panel-attempts" aria-labelledby="tab-attempts">
<div class="table-wrap"><table id="attempts-table"><caption>Your attempts, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Dataset</th><th scope="col">Status</th><th scope="col">Result</th></tr></thead>
<tbody>${rows}</tbody></table></div>${rows ? '' : '<p id="no-attempts" class="muted">No attempts yet: write your program and run it.</p>'}</section>
<section class="panel" role="tabpanel" id="panel-grade" aria-labelledby="tab-grade"><h2 class="workspace-title">Grade</h2>${gradeSummaryHtml(mp, data.grade, data.noLiveWorker)}</section>
</div>
</div>
<script type="application/json" id="lab-data">${jsonForScript(clientData)}</script>`;
  return layout(mp.config.title, body, user, { scripts: ['lab'], current: 'labs' });
}
