import { escapeHtml, layout, PageUser } from '../pages/html';

/** Where the install commands put the client and libwb: the user's own folders, no root needed. */
const BIN_DIR = '~/.local/bin';
const LIBWB_PARENT = '~/.local/share/wb';

/** A command the student pastes into a terminal, with a button that copies it. */
function command(id: string, text: string, label: string): string {
  return `<div class="command"><pre id="${id}">${escapeHtml(text)}</pre>
<button type="button" class="secondary copy-button" data-copy="${id}" aria-label="${escapeHtml(label)}">Copy</button></div>`;
}

export function whoamiPage(
  me: { username: string; role: string; apiKey: string },
  gatewayUrl: string,
  platform: string,
  user: PageUser,
): string {
  const key = escapeHtml(me.apiKey);
  const install = [
    `mkdir -p ${BIN_DIR} ${LIBWB_PARENT}`,
    `curl -fsSL -o ${BIN_DIR}/wb ${gatewayUrl}/downloads/wb && chmod +x ${BIN_DIR}/wb`,
    `curl -fsSL ${gatewayUrl}/downloads/libwb.tar.gz | tar -xz -C ${LIBWB_PARENT}`,
    `echo 'export WB_LIBWB="$HOME/.local/share/wb/libwb"' >> ~/.bashrc && export WB_LIBWB="$HOME/.local/share/wb/libwb"`,
  ].join('\n');
  return layout(
    'Who am I',
    `<h1>${escapeHtml(me.username)}</h1><p>Role: ${escapeHtml(me.role)}</p>
<h2>API key</h2><p>The local <code>wb</code> client and course tools sign in with it. Keep it secret.</p>
<pre id="api-key">${key}</pre>
<form method="post" action="/whoami/api_key" data-confirm="Issue a new key? The current one stops working at once.">
<button>Issue a new key (the old one stops working)</button></form>
<h2>Set up the local client</h2>
<p>This server built the <code>wb</code> client and libwb (headers and static libraries) for ${escapeHtml(platform)}:
<a href="/downloads/wb" download id="download-wb">wb</a> and <a href="/downloads/libwb.tar.gz" download id="download-libwb">libwb.tar.gz</a>.
The client needs libcurl (Debian and Ubuntu: <code>sudo apt-get install libcurl4</code>), and <code>wb run</code> the lab's compiler
(<code>g++</code>, or <code>nvcc</code> for CUDA labs). To install both in your own folders:</p>
${command('client-install', install, 'Copy the install commands')}
<p>If <code>${BIN_DIR}</code> is not on your <code>PATH</code>, add it, or run <code>${BIN_DIR}/wb</code>. Then sign in:</p>
${command('client-setup', `wb login --server ${gatewayUrl} --key ${me.apiKey}`, 'Copy the login command')}
<p id="copy-state" class="muted" role="status"></p>
<p>After that, <code>wb</code> runs, submits and grades your programs from your own machine (<code>wb --help</code> lists how).
In a checkout of wb you can build both instead: <code>make -C libs/libwb &amp;&amp; make -C libs/libwb/client</code>.</p>`,
    user,
    { current: 'whoami', scripts: ['whoami'] },
  );
}
