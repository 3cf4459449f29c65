import { Attempt, Grade, Mp, toolchainSpec } from '@wb/common';
import { basename } from 'node:path';
import { publicDatasets } from './lab-view';
import { datasetLabel, escapeHtml, formatDate, jsonForScript, layout, PageUser, statusBadge } from '../pages/html';
import { gradeSummaryHtml } from '../grading/grade-pages';

/** A user's standing on one lab, for the labs list. */
export interface LabStanding {
  status: string;
  passed: boolean;
}

export function labsPage(mps: Mp[], standings: Map<string, LabStanding>, grades: Grade[], user: PageUser): string {
  const rows = mps
    .map((mp) => {
      const standing = standings.get(mp.config.id);
      const grade = grades.find((g) => g.mpId === mp.config.id);
      return `<tr><th scope="row"><a href="/mp/${encodeURIComponent(mp.config.id)}">${escapeHtml(mp.config.title)}</a></th>
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

/** The first line that says why an attempt did not pass, for the attempts table. */
export function attemptSnippet(a: Attempt): string {
  const failing = a.results.find((r) => !r.passed);
  const text = failing?.message || a.compilerOutput || a.output || '';
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export function attemptRow(mpId: string, a: Attempt): string {
  const href = `/mp/${encodeURIComponent(mpId)}/attempt/${escapeHtml(a.id)}`;
  return `<tr data-attempt="${escapeHtml(a.id)}"><td><a href="${href}">${formatDate(a.createdAt)}</a></td><td>${datasetLabel(a.dataset)}</td>
<td>${statusBadge(a.status)}</td><td class="snippet">${escapeHtml(attemptSnippet(a))}</td></tr>`;
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

function codePanel(mp: Mp, program: string): string {
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
  return `<form id="run-form" method="post" action="/mp/${id}/submit">
<div class="toolbar">
  <span id="save-state" class="save-state" role="status" aria-live="polite">Not saved yet</span>
  <button type="button" id="save-button" title="Ctrl+S / ⌘S">Save</button>
  <button type="button" id="reset-button" class="secondary">Reset to template</button>
</div>
<div id="conflict" class="conflict" role="alert" hidden></div>
<label for="program" class="visually-hidden">Program</label>
<textarea id="program" name="program" class="program-fallback" rows="24" spellcheck="false">${escapeHtml(program)}</textarea>
<div id="editor" class="editor"></div>
<div class="toolbar run-bar">
  <label>Dataset <select id="dataset" name="dataset">${options}<option value="-1">All</option></select></label>
  <button id="run-button">Run</button>
  <span id="run-state" role="status" aria-live="polite"></span>
</div>
</form>
<section id="current-attempt" class="current-attempt" aria-live="polite" aria-label="Latest run"></section>
<details class="downloads"><summary>Datasets for local development</summary>
<p>Run locally with the <code>wb</code> client (see <a href="/whoami">your account</a>), or download the public datasets:
<a href="/mp/${id}/datasets">list as JSON</a>.</p><ul id="dataset-files">${downloads}</ul></details>`;
}

export interface LabPageData {
  descriptionHtml: string;
  program: string;
  attempts: Attempt[];
  grade: Grade | null;
  /** No worker that is up serves this lab's toolchain (WorkerHealthReader.isServed): runs wait. */
  noLiveWorker?: boolean;
}

/**
 * Instead of an endless spinner: a queued run is waiting for a worker that is not there, and the
 * notifier has told the staff (a run queue without a consumer is an incident).
 */
function workerWaitingNotice(mp: Mp, data: LabPageData): string {
  if (!data.noLiveWorker) return '';
  const kind = toolchainSpec(mp.config.toolchain).device === 'gpu' ? 'a GPU worker' : 'a worker';
  const queued = data.attempts.some((a) => a.status === 'queued');
  return `<p class="notice" role="status" id="worker-waiting">${
    queued
      ? `Your run is waiting for ${kind} — the staff have been alerted.`
      : `No ${kind.slice(2)} is available right now — the staff have been alerted; runs wait in the queue until one is back.`
  }</p>`;
}

export function labPage(mp: Mp, data: LabPageData, user: PageUser): string {
  const id = mp.config.id;
  const rows = data.attempts.map((a) => attemptRow(id, a)).join('');
  const clientData = {
    mpId: id,
    template: mp.template,
    username: user.username, // keys the browser's copy of unsaved text
    datasets: publicDatasets(mp).map((d) => ({ id: d.id, name: d.name })),
  };
  const body = `<h1>${escapeHtml(mp.config.title)}</h1>
<p class="muted">${mp.config.deadline ? `Due ${formatDate(mp.config.deadline)}` : 'No deadline'} · ${escapeHtml(toolchainSpec(mp.config.toolchain).displayName)} · ${mp.config.limits.run_s} s per dataset</p>
${workerWaitingNotice(mp, data)}${tabList()}
<section class="panel" role="tabpanel" id="panel-description" aria-labelledby="tab-description"><div class="description">${data.descriptionHtml}</div></section>
<section class="panel" role="tabpanel" id="panel-code" aria-labelledby="tab-code">${codePanel(mp, data.program)}</section>
<section class="panel" role="tabpanel" id="panel-attempts" aria-labelledby="tab-attempts">
<div class="table-wrap"><table id="attempts-table"><caption>Your attempts, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Dataset</th><th scope="col">Status</th><th scope="col">Why</th></tr></thead>
<tbody>${rows}</tbody></table></div>${rows ? '' : '<p id="no-attempts" class="muted">No attempts yet: write your program in the Code tab and run it.</p>'}</section>
<section class="panel" role="tabpanel" id="panel-grade" aria-labelledby="tab-grade">${gradeSummaryHtml(mp, data.grade)}</section>
<script type="application/json" id="lab-data">${jsonForScript(clientData)}</script>`;
  return layout(mp.config.title, body, user, { scripts: ['lab'], current: 'labs' });
}
