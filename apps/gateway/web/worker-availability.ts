import type { RunControl } from './run-control';

/** The Grade button and the reason it is off, both rendered by the server. */
export interface GradeControl {
  button: HTMLButtonElement;
  reason: HTMLElement | null;
}

/** How often a page whose Run is off asks whether a worker is back. */
const POLL_MS = 10_000;

/**
 * While no worker serves the lab the server renders Run and Grade disabled with the reason beside
 * them (so the page without JavaScript says the same, and a reload shows the current state). This
 * asks the server every few seconds and turns both back on once a worker is back; the server
 * answers from a shared look at the workers, so a class waiting costs it little.
 */
export function rearmRunWhenServed(mpId: string, notice: HTMLElement, run: RunControl, grade: GradeControl | null): void {
  const ask = async () => {
    const res = await fetch(`/mp/${encodeURIComponent(mpId)}/availability`, { headers: { accept: 'application/json' } }).catch(() => null);
    const body = (res?.ok ? await res.json().catch(() => null) : null) as { served?: boolean } | null;
    if (!body?.served) return void window.setTimeout(ask, POLL_MS);
    run.block(false);
    notice.dataset.tone = 'ok';
    notice.textContent = 'A worker is back: Run is on again.';
    if (!grade) return;
    grade.button.disabled = false;
    grade.button.removeAttribute('aria-describedby');
    grade.reason?.remove();
  };
  window.setTimeout(ask, POLL_MS);
}
