import type { Mp } from '@wb/common';
import { DescriptionRenderer } from './description-renderer';

const lab = (description: string) => ({ config: { id: `lab-${Math.random()}` }, description }) as unknown as Mp;

describe('DescriptionRenderer', () => {
  const renderer = new DescriptionRenderer();

  it('renders markdown: headings, code, lists, links', () => {
    const html = renderer.render(lab('# Vector add\n\nUse `wbImport`:\n\n```cpp\nint n;\n```\n\n- one\n- [docs](https://example.org)'));
    expect(html).toContain('<h1>Vector add</h1>');
    expect(html).toContain('<code>wbImport</code>');
    expect(html).toContain('<pre><code class="language-cpp">int n;\n</code></pre>');
    expect(html).toContain('<a href="https://example.org">docs</a>');
  });

  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['<img src=x onerror=alert(1)>', '<img'],
    ['[click](javascript:alert(1))', 'href="javascript'],
    ['[click](JAVASCRIPT:alert(1))', 'href="JAVASCRIPT'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', 'href="data:'],
    ['<a href="javascript:alert(1)">x</a>', '<a href'],
  ])('shows %s as text, never as live HTML', (markdown, forbidden) => {
    expect(renderer.render(lab(markdown))).not.toContain(forbidden);
  });
});
