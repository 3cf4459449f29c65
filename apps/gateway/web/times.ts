/**
 * Times as every page shows them: in UTC, named so, with the date, the way the server's pages
 * write them (pages/html.ts formatDate), so that no time on a page is in another zone than the
 * one beside it, nor of an unnamed day.
 */
export function dateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A moment of today to the second ("14:02:33 UTC"); another day's with its date, as {@link dateTime}. */
export function momentOf(date: Date, now = new Date()): string {
  const iso = date.toISOString();
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? `${iso.slice(11, 19)} UTC` : dateTime(date);
}
