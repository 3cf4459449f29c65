import { el } from './page-data';
import { highlightWithin } from './highlight';
import { isFinal, setStatus, statusBadge } from './statuses';

export interface AttemptEvent {
  id: string;
  status: string;
  dataset: number;
  createdAt: string;
  results: { passed: boolean; message: string }[];
  compilerOutput: string;
  output: string;
}

/**
 * Follows one attempt through the server's event stream, showing each status as it comes, and
 * when a verdict arrives replaces the view with the server-rendered attempt (the same fragment as
 * the attempt page, so outputs are escaped in one place). EventSource reconnects by itself after
 * a network failure, and the server sends the current status first, so no verdict is missed.
 */
export function followAttempt(mpId: string, attemptId: string, container: HTMLElement, onEvent?: (a: AttemptEvent) => void): () => void {
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
  const source = new EventSource(`${base}/events`);
  source.addEventListener('status', (event) => {
    const attempt = JSON.parse((event as MessageEvent<string>).data) as AttemptEvent;
    setStatus(badge!, attempt.status);
    onEvent?.(attempt);
    if (!isFinal(attempt.status)) return;
    source.close();
    void showDetail(base, container);
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED)
      container.append(el('p', 'Live updates stopped: reload the page to see this attempt.', 'error'));
  });
  return () => source.close();
}

async function showDetail(url: string, container: HTMLElement): Promise<void> {
  const res = await fetch(url, { headers: { accept: 'text/html' } });
  const page = new DOMParser().parseFromString(await res.text(), 'text/html');
  const detail = page.querySelector('.attempt-detail');
  if (!detail) return;
  container.replaceChildren(document.importNode(detail, true));
  highlightWithin(container);
}

/** The first line that says why an attempt did not pass (as the server's attempts table). */
export function snippet(a: AttemptEvent): string {
  const text = a.results.find((r) => !r.passed)?.message || a.compilerOutput || a.output || '';
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
