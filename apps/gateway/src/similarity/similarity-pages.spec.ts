import type { Mp } from '@wb/common';
import { similarityPairPage } from './similarity-pages';

const mp = { config: { id: 'lab-1', title: 'Lab <1>' } } as Mp;
const user = { username: 'ta', role: 'staff' };

describe('similarity pair page', () => {
  const pair = {
    id: 'p1',
    left: { kind: 'student' as const, label: '<b>mallory</b>' },
    right: { kind: 'archived' as const, label: 'fa25/"bob"' },
    similarity: 0.875,
    longest: 12,
    overlap: 40,
    leftProgram: 'int a;\n</pre><script>alert(1)</script>\nint c;\r\nint d;',
    rightProgram: null,
    fragments: [{ left: [1, 0, 2, 5] as [number, number, number, number], right: [0, 0, 0, 3] as [number, number, number, number] }],
  };
  const html = similarityPairPage(mp, 'r1', pair, user);

  it('shows program text and names as text, never as markup', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>mallory</b>');
    expect(html).toContain('&lt;b&gt;mallory&lt;/b&gt;');
    expect(html).toContain('fa25/&quot;bob&quot;');
  });

  it('marks the lines of each shared fragment with its number, lines numbered from 1', () => {
    const marked = [
      ...html.matchAll(/id="left-(\d+)"><span class="line-number">\d+<\/span><mark class="shared" data-fragment="(\d+)"/g),
    ].map((m) => [m[1], m[2]]);
    expect(marked).toEqual([
      ['2', '1'],
      ['3', '1'],
    ]);
    expect(html).toContain('<a href="#left-2">lines 2–3</a> ↔ <a href="#right-1">lines 1–1</a>');
    expect(html).not.toContain('\r');
  });

  it('says so when a compared program is no longer stored', () => {
    expect(html).toContain('This program is no longer stored.');
  });
});
