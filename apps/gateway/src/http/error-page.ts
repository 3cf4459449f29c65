import { escapeHtml, layout, PageUser } from '../pages/html';

/** An error as a page, with the navigation of the user the request was authenticated as, if any. */
export function errorPage(status: number, message: string, user?: PageUser): string {
  const title = status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'Request refused';
  return layout(
    title,
    `<h1>${status} — ${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the labs</a></p>`,
    user,
  );
}
