import { Attempt, DatasetResult, firstCompilerError, OPENCL_KERNEL } from '@wb/common';

/** Longer lines are cut: the summary is one row of a table, the attempt's page has the rest. */
const MAX_CHARS = 120;

const PENDING: Record<string, string> = { queued: 'waiting for a worker', compiling: 'compiling', running: 'running' };

/** What stopped a run that did not fail on its output, as the summary names it. */
const RUN_STOPPED: Record<string, string> = {
  timeout: 'time limit',
  memory_limit: 'memory limit',
  output_limit: 'output limit',
  runtime_error: 'runtime error',
  sandbox_violation: 'forbidden system call',
  internal_error: 'internal error',
};

/**
 * An attempt in one line: "passed 6/6", "failed 4/6: dataset 2: expected 3.5 at index 17, got
 * 3.49", "compile error: line 26: 'x' was not declared in this scope", "failed 2/6: time limit on
 * dataset 3". The attempts table, the attempt's page, its JSON (`summary`) and the lab page's
 * live row all show this line, so it is made here only. Give it the attempt as the viewer may
 * see it ({@link visibleAttempt}): a hidden dataset's run then says its verdict and nothing more.
 */
export function verdictSummary(a: Pick<Attempt, 'status' | 'results' | 'compilerOutput' | 'output'>): string {
  return cut(summaryOf(a));
}

function summaryOf(a: Pick<Attempt, 'status' | 'results' | 'compilerOutput' | 'output'>): string {
  if (PENDING[a.status]) return PENDING[a.status];
  switch (a.status) {
    case 'compile_error':
      return `compile error: ${compileError(a.compilerOutput)}`;
    case 'compile_timeout':
      return 'compile timeout: the compiler ran longer than the lab allows';
    case 'rejected':
      return withReason('rejected', firstLine(a.compilerOutput));
    case 'cancelled':
      return withReason('cancelled', firstLine(a.output));
  }
  if (!a.results.length) return withReason(words(a.status), firstLine(a.output));
  const passed = a.results.filter((r) => r.passed).length;
  const count = `${passed}/${a.results.length}`;
  const failing = a.results.find((r) => !r.passed);
  if (!failing) return `${words(a.status)} ${count}`;
  return `failed ${count}: ${runFailure(failing)}`;
}

function runFailure(r: DatasetResult): string {
  const stopped = RUN_STOPPED[r.status];
  if (!stopped) return `dataset ${r.dataset}: ${wrongOutput(r)}`;
  // A crash's message says how it ended (a signal, an exit status); a limit's only repeats the limit.
  const detail = r.status === 'runtime_error' || r.status === 'sandbox_violation' ? firstLine(r.message) : '';
  return withReason(`${stopped} on dataset ${r.dataset}`, detail);
}

/** The first difference, and how many there are, when the comparison listed them. */
function wrongOutput(r: DatasetResult): string {
  const first = r.mismatches?.first[0];
  if (!first) return firstLine(r.message);
  const total = r.mismatches!.total;
  return `expected ${first.expected} at ${first.where ?? `index ${first.index}`}, got ${first.actual}${total > 1 ? ` (${total} mismatches)` : ''}`;
}

/** The compiler's first error about the program, else the first line that says "error", else the first line. */
function compileError(output: string): string {
  const error = firstCompilerError(output);
  if (error) return `${error.file === OPENCL_KERNEL ? 'kernel line' : 'line'} ${error.line}: ${error.message}`;
  const lines = output.split('\n').filter((l) => l.trim());
  return (lines.find((l) => /\berror\b/i.test(l)) ?? lines[0] ?? '').trim();
}

const words = (status: string) => status.replace(/_/g, ' ');

const firstLine = (text: string) => (text.split('\n').find((l) => l.trim()) ?? '').trim();

const withReason = (what: string, why: string) => (why ? `${what}: ${why}` : what);

function cut(line: string): string {
  const chars = Array.from(line);
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('')}…` : line;
}
