import { el } from './page-data';
import { highlightWithin } from './highlight';
import { QueuePlaceView } from './queue-place';
import { describeRun } from './run-status';
import { linkSourceReferences } from './source-links';
import { isFinal, setStatus, statusBadge } from './statuses';

export interface AttemptEvent {
  id: string;
  status: string;
  dataset: number;
  createdAt: string;
  results: { passed: boolean; message: string }[];
  /** The text that was run, and what the compiler said about it (the lab page marks it in the editor). */
  program: string;
  compilerOutput: string;
  /** The verdict in one line ("failed 4/6: dataset 2: …"), made by the server for every view of an attempt. */
  summary: string;
  /** Where a queued run stands in its queue: 1 is the next job a worker takes; null once a worker has it. */
  queue?: { position: number; estimateMs: number | null } | null;
  /** While it runs: `done` of its `total` datasets are finished (null until the worker tells; absent from older servers). */
  progress?: { done: number; total: number } | null;
}

/**
 * Follows one attempt through the server's event stream, showing each status as it comes, and
 * when a verdict arrives replaces the view with the server-rendered attempt (the same fragment as
 * the attempt page, so outputs are escaped in one place), then calls `onDetail`. EventSource
 * reconnects by itself after a network failure, and the server sends the current status first,
 * so no verdict is missed.
 */
export function followAttempt(
  mpId: string,
  attemptId: string,
  container: HTMLElement,
  onEvent?: (a: AttemptEvent) => void,
  onDetail?: () => void,
): () => void {
  const base = `/mp/${encodeURIComponent(mpId)}/attempt/${encodeURIComponent(attemptId)}`;
  // The attempt page already shows this attempt; the lab page may show an earlier one.
  const shown = container.querySelector<HTMLElement>('.attempt-detail')?.dataset.attempt === attemptId;
  let badge = shown ? container.querySelector<HTMLElement>('#attempt-status') : null;
  if (!badge) {
    const line = el('p', 'Attempt ', 'attempt-summary');
    badge = statusBadge('queued');
    badge.id = 'attempt-status';
    line.append(badge);
    container.replaceChildren(line);
  }
  const place = new QueuePlaceView(badge.closest<HTMLElement>('.attempt-summary') ?? badge, base);
  const source = new EventSource(`${base}/events`);
  source.addEventListener('status', (event) => {
    const attempt = JSON.parse((event as MessageEvent<string>).data) as AttemptEvent;
    setStatus(badge!, attempt.status);
    if (attempt.status === 'running') badge!.textContent = describeRun(attempt);
    place.update(attempt);
    onEvent?.(attempt);
    if (!isFinal(attempt.status)) return;
    source.close();
    void showDetail(base, container).then((shown) => shown && onDetail?.());
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED)
      container.append(el('p', 'Live updates stopped: reload the page to see this attempt.', 'error'));
  });
  return () => source.close();
}

/** True once the fragment is shown. */
async function showDetail(url: string, container: HTMLElement, gradePolls = GRADE_POLLS): Promise<boolean> {
  const res = await fetch(url, { headers: { accept: 'text/html' } });
  const page = new DOMParser().parseFromString(await res.text(), 'text/html');
  const detail = page.querySelector('.attempt-detail');
  if (!detail) return false;
  container.replaceChildren(document.importNode(detail, true));
  highlightWithin(container);
  linkSourceReferences(container);
  awaitGrade(url, container, gradePolls);
  return true;
}

const GRADE_POLL_MS = 2000;
const GRADE_POLLS = 30;

/**
 * A grade attempt has its verdict before its score: the grader scores it a moment later. While
 * the fragment shown says so (`data-grade="pending"`), it is fetched again every 2 s, for a
 * minute at most, and not once the container shows something else.
 */
export function awaitGrade(url: string, container: HTMLElement, polls = GRADE_POLLS): void {
  const pending = () => container.querySelector('.attempt-detail[data-grade="pending"]');
  const shown = pending();
  if (!shown || polls <= 0) return;
  setTimeout(() => {
    if (pending() === shown) void showDetail(url, container, polls - 1);
  }, GRADE_POLL_MS);
}
