import type { ArchivedTerm, Mp, SimilarityFragment, SimilaritySubmission } from '@wb/common';
import type { PairDetail, PairRow, ReportSummary } from './similarity-desk.service';
import { escapeHtml, formatDate, layout, PageUser } from '../pages/html';

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
const labPath = (mp: Mp) => `/admin/similarity/${encodeURIComponent(mp.config.id)}`;
const reportPath = (mp: Mp, reportId: string) => `${labPath(mp)}/reports/${encodeURIComponent(reportId)}`;
const apiPath = (mp: Mp) => `/staff/similarity/${encodeURIComponent(mp.config.id)}`;

function stateText(r: ReportSummary): string {
  if (r.state === 'running') {
    const { phase, done, total } = r.progress;
    return `running: ${escapeHtml(phase)}${total > 0 ? ` ${done} of ${total}` : ''}`;
  }
  if (r.state === 'failed') return `failed: ${escapeHtml(r.error ?? 'no reason given')}`;
  if (r.state === 'done') return `done: ${r.programs} programs, ${r.pairsKept} pairs kept`;
  return 'queued';
}

/** Every lab with its newest report: where staff start a similarity check. */
export function similarityLabsPage(labs: { mp: Mp; latest: ReportSummary | null; archived: number }[], user: PageUser): string {
  const rows = labs
    .map(
      ({ mp, latest, archived }) =>
        `<tr><th scope="row"><a href="${labPath(mp)}">${escapeHtml(mp.config.title)}</a></th><td>${escapeHtml(mp.config.id)}</td>
<td>${latest ? `<a href="${reportPath(mp, latest.id)}">${stateText(latest)}</a> (${formatDate(latest.createdAt)})` : '<span class="muted">none yet</span>'}</td>
<td>${archived}</td></tr>`,
    )
    .join('');
  return layout(
    'Similarity',
    `<h1>Similarity</h1>
<p>A report compares every student's counting program of a lab with every other one, and with earlier terms' programs you import; the lab's template does not count, nor do names, formatting or comments.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Lab</th><th scope="col">Id</th><th scope="col">Newest report</th><th scope="col">Earlier terms' programs</th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
    user,
    { current: 'similarity' },
  );
}

/** One lab: its reports, a button for a new one, and the earlier terms it compares against. */
export function similarityLabPage(mp: Mp, reports: ReportSummary[], terms: ArchivedTerm[], user: PageUser): string {
  const reportRows = reports.length
    ? `<div class="table-wrap"><table><caption>Reports, newest first</caption><thead><tr><th scope="col">Asked</th><th scope="col">State</th></tr></thead><tbody>${reports
        .map((r) => `<tr><td><a href="${reportPath(mp, r.id)}">${formatDate(r.createdAt)}</a></td><td>${stateText(r)}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '<p class="muted">No report yet.</p>';
  const termRows = terms.length
    ? `<div class="table-wrap"><table><caption>Earlier terms</caption><thead><tr><th scope="col">Term</th><th scope="col">Programs</th><th scope="col">Imported</th><th scope="col">Remove</th></tr></thead><tbody>${terms
        .map(
          (t) => `<tr><th scope="row">${escapeHtml(t.term)}</th><td>${t.programs}</td><td>${formatDate(t.importedAt)}</td>
<td><form method="post" action="${apiPath(mp)}/archive/${encodeURIComponent(t.term)}/delete"><button type="submit">Remove ${escapeHtml(t.term)}</button></form></td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : '<p class="muted">No earlier term imported.</p>';
  return layout(
    `Similarity: ${mp.config.title}`,
    `<h1>Similarity: ${escapeHtml(mp.config.title)}</h1>
<form method="post" action="${apiPath(mp)}/reports"><button type="submit">Compare every student's counting program now</button></form>
${reportRows}
<h2>Programs from earlier terms</h2>
${termRows}
<form method="post" action="${apiPath(mp)}/archive" enctype="multipart/form-data">
<label>Term <input name="term" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9 ._\\-]*" placeholder="fa25"></label>
<label>Programs, one file per student (the file's name is the student's) <input name="programs" type="file" multiple required></label>
<button type="submit">Import</button></form>
<p class="muted">Importing a term again replaces the programs of the same names. Reports compare this term's programs with earlier ones, never earlier ones with each other.</p>`,
    user,
    { current: 'similarity' },
  );
}

/** A report: its progress while it runs, then the pairs above the threshold, most similar first. */
export function similarityReportPage(mp: Mp, report: ReportSummary, threshold: number, pairs: PairRow[], user: PageUser): string {
  const unfinished = report.state === 'queued' || report.state === 'running';
  const csvHref = `${apiPath(mp)}/reports/${encodeURIComponent(report.id)}/export.csv?threshold=${threshold}`;
  const table = pairs.length
    ? `<div class="table-wrap"><table><caption>Pairs from ${percent(threshold)} up, most similar first</caption>
<thead><tr><th scope="col">Similarity</th><th scope="col">Program</th><th scope="col">Program</th><th scope="col">Longest shared fragment</th><th scope="col">Compare</th></tr></thead>
<tbody>${pairs
        .map(
          (
            p,
          ) => `<tr><td>${percent(p.similarity)}</td><td>${submissionLabel(p.left)}</td><td>${submissionLabel(p.right)}</td><td>${p.longest} k-grams</td>
<td><a href="${reportPath(mp, report.id)}/pairs/${encodeURIComponent(p.id)}">side by side</a></td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : report.state === 'done'
      ? `<p>No pair is ${percent(threshold)} similar or more.</p>`
      : '';
  return layout(
    `Similarity report: ${mp.config.title}`,
    `${unfinished ? '<meta http-equiv="refresh" content="3">' : ''}<h1>Similarity report: ${escapeHtml(mp.config.title)}</h1>
<p role="status" id="report-state">${stateText(report)}${unfinished ? ' — this page reloads until it is done.' : ''}</p>
<p>Asked ${formatDate(report.createdAt)}; ${report.programs} programs${report.archived ? ` (${report.archived} from earlier terms)` : ''}. <a href="${labPath(mp)}">All reports of this lab</a></p>
${
  report.unanalysed.length
    ? `<p id="unanalysed">Not compared (look at these by hand): ${report.unanalysed.map((u) => `${escapeHtml(u.label)} (${escapeHtml(u.reason)})`).join(', ')}.</p>`
    : ''
}
${
  report.state === 'done'
    ? `<form method="get"><label>Show pairs from <input name="threshold" type="number" min="0" max="1" step="0.05" value="${threshold}"> (0 to 1)</label>
<button type="submit">Show</button></form><p><a href="${csvHref}">Export these pairs as CSV</a></p>`
    : ''
}${table}`,
    user,
    { current: 'similarity' },
  );
}

/** Two programs side by side, each shared fragment marked with its number on both sides. */
export function similarityPairPage(mp: Mp, reportId: string, pair: PairDetail, user: PageUser): string {
  const legend = pair.fragments
    .map(
      (f, i) =>
        `<li><a href="#left-${f.left[0] + 1}">lines ${f.left[0] + 1}–${f.left[2] + 1}</a> ↔ <a href="#right-${f.right[0] + 1}">lines ${f.right[0] + 1}–${f.right[2] + 1}</a> <span class="fragment-tag">${i + 1}</span></li>`,
    )
    .join('');
  return layout(
    `${pair.left.label} and ${pair.right.label}`,
    `<h1>${escapeHtml(pair.left.label)} and ${escapeHtml(pair.right.label)}: ${percent(pair.similarity)} similar</h1>
<p><a href="${reportPath(mp, reportId)}">Back to the report</a>. Longest shared fragment: ${pair.longest} k-grams; ${pair.overlap} shared in all.</p>
<details><summary>${pair.fragments.length} shared fragments</summary><ol class="fragment-list">${legend}</ol></details>
<div class="side-by-side">
${programColumn(
  'left',
  pair.left,
  pair.leftProgram,
  pair.fragments.map((f) => f.left),
)}
${programColumn(
  'right',
  pair.right,
  pair.rightProgram,
  pair.fragments.map((f) => f.right),
)}
</div>`,
    user,
    { current: 'similarity' },
  );
}

function submissionLabel(s: SimilaritySubmission): string {
  return s.kind === 'archived' ? `${escapeHtml(s.label)} <span class="muted">(earlier term)</span>` : escapeHtml(s.label);
}

/** The program's lines, numbered; a line in a shared fragment is marked with that fragment's number. */
function programColumn(
  side: 'left' | 'right',
  submission: SimilaritySubmission,
  program: string | null,
  regions: SimilarityFragment['left'][],
): string {
  const heading = `<h2>${submissionLabel(submission)}</h2>`;
  if (program === null)
    return `<section aria-label="${escapeHtml(submission.label)}">${heading}<p class="muted">This program is no longer stored.</p></section>`;
  const fragmentOf = new Map<number, number>();
  regions.forEach(([startRow, , endRow], i) => {
    for (let row = startRow; row <= endRow; row++) if (!fragmentOf.has(row)) fragmentOf.set(row, i + 1);
  });
  const lines = program
    .split('\n')
    .map((text, row) => {
      const fragment = fragmentOf.get(row);
      const code = escapeHtml(text.replace(/\r$/, '')) || ' ';
      return `<span class="line" id="${side}-${row + 1}"><span class="line-number">${row + 1}</span>${
        fragment ? `<mark class="shared" data-fragment="${fragment}" title="shared fragment ${fragment}">${code}</mark>` : code
      }</span>`;
    })
    .join(''); // each line is a block: a newline between them would show as an empty line
  return `<section aria-label="${escapeHtml(submission.label)}">${heading}<pre class="compared"><code>${lines}</code></pre></section>`;
}
