import type { AttemptEvent } from './attempt-live';
import { el } from './page-data';
import { isFinal, setStatus, statusBadge } from './statuses';
import { dateTime } from './times';

/** Keeps a server-rendered row current; the same updates as a row added by {@link addAttemptRow}. */
function rowUpdater(row: HTMLTableRowElement): (a: AttemptEvent) => void {
  const badge = row.querySelector<HTMLElement>('.status')!;
  const why = row.querySelector<HTMLElement>('.snippet')!;
  return (attempt) => {
    setStatus(badge, attempt.status);
    why.textContent = attempt.summary;
  };
}

/** The newest attempt if it is still waiting for its verdict (the page was reloaded during a run). */
export function pendingAttempt(): { id: string; update: (a: AttemptEvent) => void } | undefined {
  const row = document.querySelector<HTMLTableRowElement>('#attempts-table tbody tr');
  const status = row?.querySelector('.status')?.className.match(/status-(\w+)/)?.[1];
  if (!row?.dataset.attempt || !status || isFinal(status)) return undefined;
  return { id: row.dataset.attempt, update: rowUpdater(row) };
}

/** Adds the attempt just submitted to the top of the Attempts tab and keeps its row current. */
export function addAttemptRow(mpId: string, attemptId: string, dataset: number): (a: AttemptEvent) => void {
  document.getElementById('no-attempts')?.remove();
  const row = el('tr');
  row.dataset.attempt = attemptId;
  const link = el('a', dateTime(new Date()));
  link.href = `/mp/${encodeURIComponent(mpId)}/attempt/${encodeURIComponent(attemptId)}`;
  const cells = [el('td'), el('td', dataset === -1 ? 'all' : String(dataset)), el('td'), el('td', '', 'snippet')];
  cells[0].append(link);
  cells[2].append(statusBadge('queued'));
  row.append(...cells);
  document.querySelector('#attempts-table tbody')?.prepend(row);
  return rowUpdater(row);
}
