import { escapeHtml, jsonForScript } from './html';

describe('page text escaping', () => {
  it('escapes every character that could start markup or end an attribute', () => {
    expect(escapeHtml(`<img src="x" onerror='a()'>&`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;a()&#39;&gt;&amp;');
    expect(escapeHtml(null)).toBe('');
  });

  it('keeps JSON for the client bundle inside its script element', () => {
    const program = '</script><script>alert(1)</script>\u2028';
    const json = jsonForScript({ program });
    expect(json).not.toMatch(/<\/script/i);
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual({ program });
  });
});
