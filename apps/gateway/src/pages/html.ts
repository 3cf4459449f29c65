const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of user or program text goes through this before it reaches a page. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export interface PageUser {
  username: string;
  role: string;
}

/** The plain page frame (the full web UI is a later issue). */
export function layout(title: string, body: string, user?: PageUser): string {
  const nav = user
    ? `<a href="/">Labs</a> · <a href="/whoami">${escapeHtml(user.username)}</a>
       <form method="post" action="/logout" style="display:inline"><button>Log out</button></form>`
    : `<a href="/login">Log in</a> · <a href="/signup">Sign up</a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · wb</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}
textarea{width:100%;font-family:monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}.error{color:#a00}</style>
</head><body><nav>${nav}</nav><main>${body}</main></body></html>`;
}
