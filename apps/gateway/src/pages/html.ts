const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of user or program text goes through this before it reaches a page. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Data handed to the client bundle inside `<script type="application/json">`: `<` is escaped so
 * that no string (a program containing `</script>`) can end the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface PageUser {
  username: string;
  role: string;
}

export interface PageOptions {
  /** Bundles from `dist/web` (built by `npm run build`), loaded as deferred scripts. */
  scripts?: string[];
  /** Which navigation entry is the current page (aria-current). */
  current?: 'labs' | 'grades' | 'whoami' | 'workers' | 'course-grades' | 'similarity' | 'log';
}

function navLink(href: string, label: string, active: boolean): string {
  return `<li><a href="${href}"${active ? ' aria-current="page"' : ''}>${label}</a></li>`;
}

function navigation(user: PageUser | undefined, current: PageOptions['current']): string {
  if (!user) return `<ul>${navLink('/login', 'Log in', false)}${navLink('/signup', 'Sign up', false)}</ul>`;
  const staff = user.role === 'staff' || user.role === 'admin';
  return `<ul>
${navLink('/', 'Labs', current === 'labs')}
${navLink('/grades', 'Grades', current === 'grades')}
${staff ? navLink('/admin/grades', 'Course grades', current === 'course-grades') : ''}
${staff ? navLink('/admin/similarity', 'Similarity', current === 'similarity') : ''}
${staff ? navLink('/admin/workers', 'Workers', current === 'workers') : ''}
${user.role === 'admin' ? navLink('/admin/log', 'Log', current === 'log') : ''}
<li><a href="/whoami" aria-label="Signed in as ${escapeHtml(user.username)}: your account"${current === 'whoami' ? ' aria-current="page"' : ''}>${escapeHtml(user.username)}</a></li>
<li><form method="post" action="/logout"><button class="link">Log out</button></form></li>
</ul>`;
}

/** The header's Theme menu; web/theme.ts shows it and applies the choice. */
const THEME_MENU = `<label class="theme-choice" hidden>Theme <select id="theme-choice">
<option value="system">System</option><option value="light">Light</option><option value="dark">Dark</option></select></label>`;

/**
 * The page frame: navigation, one main landmark, the stylesheet and the page's bundles. The theme
 * script is the one not deferred: it sets the light or dark theme before the page is painted.
 */
export function layout(title: string, body: string, user?: PageUser, options: PageOptions = {}): string {
  const scripts = (options.scripts ?? []).map((s) => `<script defer src="/assets/${s}.js"></script>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · wb</title>
<script src="/assets/theme.js"></script>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/style.css">${scripts}
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><nav aria-label="Main"><a class="brand" href="/">wb</a>${navigation(user, options.current)}${THEME_MENU}</nav></header>
<main id="main" tabindex="-1">${body}</main>
</body></html>`;
}

export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime())
    ? escapeHtml(date)
    : `<time datetime="${d.toISOString()}">${d.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>`;
}

export const datasetLabel = (dataset: number) => (dataset === -1 ? 'all' : String(dataset));

/** A verdict as a badge whose class colours it; the word itself carries the meaning. */
export function statusBadge(status: string, id?: string): string {
  return `<span class="status status-${escapeHtml(status)}"${id ? ` id="${id}"` : ''}>${escapeHtml(status.replace(/_/g, ' '))}</span>`;
}
