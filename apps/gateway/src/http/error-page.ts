import { escapeHtml, layout } from '../pages/html';

export function errorPage(status: number, message: string): string {
  const title = status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'Request refused';
  return layout(title, `<h1>${status} — ${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the labs</a></p>`);
}
