/**
 * Small preferences kept in the browser's local storage as JSON (how a student laid out a lab
 * page). Storage may be full or refused (private windows): then nothing is remembered, and what
 * is read back is checked by the caller, since anything may have been put there.
 */
export function recall(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

export function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* no storage: the default layout next time */
  }
}
