import { escapeHtml, layout, PageUser } from './html';

export function whoamiPage(me: { username: string; role: string; apiKey: string }, gatewayUrl: string, user: PageUser): string {
  return layout(
    'Who am I',
    `<h1>${escapeHtml(me.username)}</h1><p>Role: ${escapeHtml(me.role)}</p>
<h2>API key</h2><p>The local client and course tools use it. Keep it secret.</p>
<pre id="api-key">${escapeHtml(me.apiKey)}</pre>
<form method="post" action="/whoami/api_key"><button>Issue a new key (the old one stops working)</button></form>
<h2>Set up the local client</h2>
<pre>wb login --server ${escapeHtml(gatewayUrl)} --key ${escapeHtml(me.apiKey)}</pre>`,
    user,
  );
}
