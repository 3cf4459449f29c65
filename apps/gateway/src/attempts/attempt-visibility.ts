import type { Attempt, DatasetResult, LibwbTimer, Mp, RunVerdict } from '@wb/common';

/** Who is looking: staff and admins see every run in full, a student nothing of a hidden dataset's. */
export interface AttemptViewer {
  role: string;
}

/** Staff and admins see every run in full. */
export function seesHiddenRuns(viewer: AttemptViewer): boolean {
  return viewer.role === 'staff' || viewer.role === 'admin';
}

/** What a student reads of a hidden dataset's run: its verdict's class, never its data. */
const HIDDEN_RUN: Record<RunVerdict, string> = {
  passed: 'passed',
  failed: 'the output did not match the expected one',
  runtime_error: 'the program crashed or exited with an error',
  timeout: 'the program ran longer than the time limit',
  memory_limit: 'the program used more memory than the limit',
  output_limit: 'the program wrote more output than the limit',
  sandbox_violation: 'the program made a system call that is not allowed',
  internal_error: 'the run could not be completed (not the program\u2019s fault)',
};

const HIDDEN_NOTE = '(runs on hidden datasets print nothing here; their verdicts are in the table)';

/**
 * The attempt as `viewer` may see it, for every route that shows one (JSON, page, live
 * updates): for a student, a hidden dataset's run keeps its dataset, verdict, pass mark and time,
 * and loses its output, its comparison message, and its libwb timers and logs. An attempt from
 * before runs carried their own output shows a student no output at all once a hidden dataset
 * ran. Staff and admins see the attempt as stored.
 */
export function visibleAttempt(attempt: Attempt, mp: Mp, viewer: AttemptViewer): Attempt {
  if (seesHiddenRuns(viewer)) return attempt;
  const hidden = new Set(mp.datasets.filter((d) => d.hidden).map((d) => d.id));
  if (!attempt.results.some((r) => hidden.has(r.dataset))) return attempt;
  const shown = attempt.results.filter((r) => !hidden.has(r.dataset));
  const perRun = shown.every((r) => r.output !== undefined);
  const output = perRun
    ? [...shown.map((r) => (attempt.results.length > 1 ? `== dataset ${r.dataset} ==\n${r.output}` : (r.output ?? ''))), HIDDEN_NOTE].join(
        '\n',
      )
    : HIDDEN_NOTE;
  const tagged = attempt.timers.every((t) => t.dataset !== undefined) && attempt.logs.every((l) => l.dataset !== undefined);
  return {
    ...attempt,
    results: attempt.results.map((r) => (hidden.has(r.dataset) ? hiddenRun(r) : r)),
    output,
    outputBytes: perRun ? shown.reduce((sum, r) => sum + (r.outputBytes ?? 0), 0) : null,
    timers: tagged ? keepTimers(attempt.timers, (t) => !hidden.has(t.dataset!)) : [],
    logs: tagged ? attempt.logs.filter((l) => !hidden.has(l.dataset!)) : [],
  } as Attempt;
}

function hiddenRun(r: DatasetResult): DatasetResult {
  return { dataset: r.dataset, status: r.status, passed: r.passed, timeMs: r.timeMs, message: HIDDEN_RUN[r.status] ?? r.status };
}

/** The timers kept, their parent links renumbered to the kept list (a dropped parent: none). */
function keepTimers(timers: LibwbTimer[], keep: (t: LibwbTimer) => boolean): LibwbTimer[] {
  const index = new Map<number, number>();
  const kept: LibwbTimer[] = [];
  timers.forEach((t, i) => {
    if (!keep(t)) return;
    index.set(i, kept.length);
    kept.push(t);
  });
  return kept.map((t) => ({ ...t, parent: t.parent === null ? null : (index.get(t.parent) ?? null) }));
}
