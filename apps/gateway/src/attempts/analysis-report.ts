import {
  Attempt,
  isAnalysisAction,
  isFinal,
  KernelProfile,
  parseNcuReport,
  parseSanitizerReport,
  profileAdvice,
  SanitizerError,
} from '@wb/common';
import { escapeHtml } from '../pages/html';

/**
 * What a "Check memory" or "Profile" attempt found, read from its output (the tool's report, as
 * the worker stored it) each time it is shown: for the JSON (`sanitizer` / `profile`) and the
 * attempt's page. Every string in it came from the student's program or the tool, so the page
 * escapes each one.
 */
export function attemptAnalysis(a: Pick<Attempt, 'kind' | 'output'>) {
  if (!isAnalysisAction(a.kind)) return {};
  if (a.kind === 'check') return { sanitizer: parseSanitizerReport(a.output) };
  const report = parseNcuReport(a.output);
  return { profile: { ...report, kernels: report.kernels.map((k) => ({ ...k, advice: profileAdvice(k) ?? null })) } };
}

/** `program.cu:12` as a link to that line in the lab page's editor (source-links.ts handles the click there). */
function sourceLink(mpId: string, file: string | undefined, line: number | undefined): string {
  if (file === undefined || line === undefined) return '';
  const href = `/mp/${encodeURIComponent(mpId)}?line=${line}#code`;
  return `<a class="source-link" href="${href}" data-line="${line}">${escapeHtml(file)}:${line}</a>`;
}

function sanitizerRow(mpId: string, e: SanitizerError): string {
  const where = [sourceLink(mpId, e.file, e.line), e.otherLine !== undefined ? `and ${sourceLink(mpId, e.file, e.otherLine)}` : '']
    .filter(Boolean)
    .join(' ');
  const who = e.thread ? `thread ${escapeHtml(e.thread)} of block ${escapeHtml(e.block ?? '')}` : '';
  const details = [escapeHtml(e.message), ...e.details.map(escapeHtml)].join('<br>');
  return `<tr><td>${escapeHtml(e.kind)}</td><td>${where || '<span class="muted">no line (compile with -lineinfo)</span>'}</td><td>${escapeHtml(e.kernel ?? '')}</td><td>${who}</td><td class="count">${e.count}</td><td class="pre-line">${details}</td></tr>`;
}

function sanitizerHtml(mpId: string, output: string): string {
  const report = parseSanitizerReport(output);
  if (report.errors.length === 0) {
    const verdict =
      report.summaryCount === 0
        ? 'compute-sanitizer found no memory error, race or barrier error on this dataset.'
        : 'compute-sanitizer did not finish its report: see the output below.';
    return `<section class="analysis-report" id="sanitizer-report"><h3>Memory check</h3><p class="analysis-verdict">${verdict}</p></section>`;
  }
  const omitted = report.omitted > 0 ? `<p class="muted">${report.omitted} more distinct errors are not listed.</p>` : '';
  return `<section class="analysis-report" id="sanitizer-report"><h3>Memory check: ${report.errors.length} distinct error${report.errors.length === 1 ? '' : 's'}</h3>
<div class="table-wrap"><table class="sanitizer-errors"><caption>Each error once per place, with how often it happened and its first thread</caption>
<thead><tr><th scope="col">Error</th><th scope="col">Where</th><th scope="col">Kernel</th><th scope="col">First seen</th><th scope="col">Times</th><th scope="col">Details</th></tr></thead>
<tbody>${report.errors.map((e) => sanitizerRow(mpId, e)).join('\n')}</tbody></table></div>${omitted}</section>`;
}

const fixed = (n: number | undefined, digits: number, unit = '') => (n === undefined ? '—' : `${n.toFixed(digits)}${unit}`);

function kernelRow(k: KernelProfile): string {
  const advice = profileAdvice(k);
  return `<tr><th scope="row">${escapeHtml(k.kernel)}</th><td>${fixed(k.durationUs, 1, ' µs')}</td><td>${fixed(k.achievedOccupancy, 0, ' %')}</td><td>${fixed(k.dramThroughput ?? k.memoryThroughput, 0, ' %')}</td><td>${fixed(k.computeThroughput, 0, ' %')}</td><td>${fixed(k.registersPerThread, 0)}</td><td>${fixed(k.sharedMemoryPerBlock, 0, ' B')}</td></tr>
<tr class="kernel-advice"><td colspan="7">${advice ? escapeHtml(advice) : '<span class="muted">too few figures for advice</span>'}</td></tr>`;
}

function profileHtml(output: string): string {
  const report = parseNcuReport(output);
  if (report.countersForbidden) {
    return `<section class="analysis-report" id="profile-report"><h3>Profile</h3><p class="analysis-verdict">This GPU's host does not let programs read the performance counters (ERR_NVGPUCTRPERM), so Nsight Compute measured nothing. Ask the course staff: the worker's driver must allow profiling for non-administrators.</p></section>`;
  }
  if (report.kernels.length === 0) {
    return `<section class="analysis-report" id="profile-report"><h3>Profile</h3><p class="analysis-verdict">No kernel was profiled: the program launched none, or did not get that far (see the output below).</p></section>`;
  }
  const omitted = report.omitted > 0 ? `<p class="muted">${report.omitted} more launches are not listed.</p>` : '';
  return `<section class="analysis-report" id="profile-report"><h3>Profile: ${report.kernels.length} kernel launch${report.kernels.length === 1 ? '' : 'es'}</h3>
<div class="table-wrap"><table class="kernel-profile"><caption>Per launch, with one line of advice under it</caption>
<thead><tr><th scope="col">Kernel</th><th scope="col">Duration</th><th scope="col">Achieved occupancy</th><th scope="col">Memory (DRAM) of peak</th><th scope="col">Compute (SM) of peak</th><th scope="col">Registers / thread</th><th scope="col">Shared memory / block</th></tr></thead>
<tbody>${report.kernels.map(kernelRow).join('\n')}</tbody></table></div>${omitted}</section>`;
}

/** The analysis section of an attempt's page ('' for other kinds, and until the program has run under the tool). */
export function analysisHtml(mpId: string, a: Pick<Attempt, 'kind' | 'output' | 'status' | 'results'>): string {
  if (!isAnalysisAction(a.kind) || !isFinal(a.status) || a.results.length === 0) return '';
  return a.kind === 'check' ? sanitizerHtml(mpId, a.output) : profileHtml(a.output);
}
