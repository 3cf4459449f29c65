import { escapeHtml, layout, PageUser } from '../pages/html';

export function whoamiPage(me: { username: string; role: string; apiKey: string }, gatewayUrl: string, user: PageUser): string {
  const key = escapeHtml(me.apiKey);
  return layout(
    'Who am I',
    `<h1>${escapeHtml(me.username)}</h1><p>Role: ${escapeHtml(me.role)}</p>
<h2>API key</h2><p>The local <code>wb</code> client and course tools sign in with it. Keep it secret.</p>
<pre id="api-key">${key}</pre>
<form method="post" action="/whoami/api_key" onsubmit="return confirm('Issue a new key? The current one stops working at once.')">
<button>Issue a new key (the old one stops working)</button></form>
<h2>Set up the local client</h2>
<p>Build the client once (<code>make -C libs/libwb/client</code> in a checkout of wb), then sign in:</p>
<pre id="client-setup">wb login --server ${escapeHtml(gatewayUrl)} --key ${key}</pre>
<p>After that, <code>wb</code> runs, submits and grades your programs from your own machine.</p>`,
    user,
    { current: 'whoami' },
  );
}
