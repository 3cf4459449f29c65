/** The attempt statuses as the pages show them. */
const PENDING = ['queued', 'compiling', 'running'];

export const isFinal = (status: string) => !PENDING.includes(status);

/** Same markup as the server's `statusBadge`, built without HTML parsing. */
export function statusBadge(status: string): HTMLSpanElement {
  const badge = document.createElement('span');
  setStatus(badge, status);
  return badge;
}

export function setStatus(badge: HTMLElement, status: string): void {
  badge.className = `status status-${status}`;
  badge.textContent = status.replace(/_/g, ' ');
}
