import type { AttemptEvent } from './attempt-live';
import { isFinal } from './statuses';

/** What the chip and the result's heading need of an attempt: a just-submitted one has no more. */
export type RunState = Pick<AttemptEvent, 'status' | 'dataset'> & Partial<Pick<AttemptEvent, 'results' | 'queue' | 'progress'>>;

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
};

const roughly = (ms: number) => (ms < 60_000 ? `about ${Math.max(1, Math.ceil(ms / 1000))} s` : `about ${Math.round(ms / 60_000)} min`);

function queued(queue: RunState['queue']): string {
  const parts = ['queued'];
  if (queue && Number.isInteger(queue.position) && queue.position > 0)
    parts.push(queue.position === 1 ? 'next in line' : `${ordinal(queue.position)} in line`);
  if (queue && typeof queue.estimateMs === 'number' && queue.estimateMs >= 0) parts.push(roughly(queue.estimateMs));
  return parts.join(' · ');
}

/** "running dataset 3/6" for the third of every dataset, as the worker tells how far it is. */
function running(run: RunState): string {
  if (run.dataset !== -1) return `running dataset ${run.dataset}`;
  const step = run.progress;
  return step ? `running dataset ${Math.min(step.done + 1, step.total)}/${step.total}` : 'running all datasets';
}

/**
 * A run's state in a few words: where it waits, what the worker does, and the verdict with how
 * many datasets passed ("passed 6/6", "failed · 2/6 passed", "compile error").
 */
export function describeRun(run: RunState): string {
  if (run.status === 'queued') return queued(run.queue);
  if (run.status === 'running') return running(run);
  if (!isFinal(run.status)) return run.status;
  const results = run.results ?? [];
  const passed = results.filter((r) => r.passed).length;
  if (run.status === 'passed') return results.length ? `passed ${passed}/${results.length}` : 'passed';
  const verdict = run.status.replace(/_/g, ' ');
  return results.length ? `${verdict} · ${passed}/${results.length} passed` : verdict;
}

/** The chip beside Run: the current run's state, coloured by how it stands. */
export function showRunState(chip: HTMLElement, run: RunState): void {
  chip.textContent = describeRun(run);
  chip.dataset.tone = !isFinal(run.status) ? 'wait' : run.status === 'passed' ? 'ok' : 'bad';
}
