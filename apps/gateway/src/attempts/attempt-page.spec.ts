import type { Attempt, Grade, Mp } from '@wb/common';
import { attemptDetailHtml } from './attempt-page';

const mp = { config: { id: 'vector-add-cpp', title: 'Vector addition' } } as Mp;

const attempt = (over: Partial<Attempt> = {}): Attempt =>
  ({
    id: '6f0c7c1e-0000-4000-8000-000000000001',
    kind: 'run',
    dataset: -1,
    status: 'failed',
    createdAt: new Date('2026-01-01T10:00:00Z'),
    finishedAt: new Date('2026-01-01T10:00:05Z'),
    program: 'int main() {}',
    compilerOutput: '',
    output: '== dataset 0 ==\nzero said <b>hi</b>\n== dataset 1 ==\none',
    results: [
      {
        dataset: 0,
        status: 'passed',
        passed: true,
        message: 'the solution is correct',
        timeMs: 0.4,
        output: 'zero said <b>hi</b>',
        outputBytes: 18,
      },
      {
        dataset: 1,
        status: 'failed',
        passed: false,
        message: 'mismatch at index 2: expected 3.5, got 3.19',
        timeMs: 12.34,
        output: 'one',
        outputBytes: 3,
        mismatches: {
          total: 57,
          first: [
            { index: 2, expected: '3.5', actual: '3.19', difference: -0.31 },
            { index: 5, expected: '1', actual: '<2>', difference: 1 },
          ],
        },
      },
    ],
    timers: [
      { kind: 'Compute', message: 'Adding the vectors', elapsedMs: 0.000042, parent: null, dataset: 0 },
      { kind: 'Generic', message: 'Importing', elapsedMs: 0.85, parent: null, dataset: 1 },
      { kind: 'Compute', message: 'Adding the vectors', elapsedMs: 1.25, parent: null, dataset: 1 },
    ],
    logs: [{ level: 'TRACE', message: 'The input length is 64', file: 'program.cpp', line: 20, dataset: 1 }],
    ...over,
  }) as unknown as Attempt;

/** The HTML of one dataset's section. */
function sectionOf(html: string, dataset: number): string {
  const start = html.indexOf(`<section class="dataset-run" data-dataset="${dataset}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('attemptDetailHtml', () => {
  it('says the verdict in one line, and gives each dataset its own section with its verdict, output, timers and logs', () => {
    const html = attemptDetailHtml(mp, attempt());
    expect(html).toContain('<p class="verdict-summary">failed 1/2: dataset 1: expected 3.5 at index 2, got 3.19 (57 mismatches)</p>');
    const zero = sectionOf(html, 0);
    const one = sectionOf(html, 1);
    expect(zero).toContain('status-passed');
    expect(zero).toContain('zero said &lt;b&gt;hi&lt;/b&gt;');
    expect(zero).toContain('<td>42 ns</td>');
    expect(zero).not.toContain('Importing');
    expect(one).toContain('status-failed');
    expect(one).toContain('<td>850 µs</td>');
    expect(one).toContain('<td>1.25 ms</td>');
    expect(one).toContain('The input length is 64');
    expect(one).not.toContain('zero said');
    // Never one table of every dataset's timers, and no "0.00 ms".
    expect(html).not.toContain('every dataset');
    expect(html).not.toContain('0.00 ms');
  });

  it("shows a wrong dataset's mismatches with the total count, escaped, the difference signed", () => {
    const one = sectionOf(attemptDetailHtml(mp, attempt()), 1);
    expect(one).toContain('<table class="mismatches"><caption>Mismatches: <strong>57</strong> in all, the first 2 shown</caption>');
    expect(one).toContain('<tr><td>2</td><td>3.5</td><td>3.19</td><td>\u22120.31</td></tr>');
    expect(one).toContain('<tr><td>5</td><td>1</td><td>&lt;2&gt;</td><td>+1</td></tr>');
  });

  it("shows a student's view of a hidden run as its verdict alone, and no merged output besides", () => {
    const [shown] = attempt().results;
    const html = attemptDetailHtml(
      mp,
      attempt({
        output: '== dataset 0 ==\nzero said <b>hi</b>\n(runs on hidden datasets print nothing here)',
        results: [shown, { dataset: 6, status: 'failed', passed: false, message: 'the output did not match the expected one', timeMs: 3 }],
      }),
    );
    expect(sectionOf(html, 6)).not.toContain('<table');
    expect(sectionOf(html, 6)).toContain('the output did not match the expected one');
    expect(html).not.toContain('Program output');
  });

  it('shows the timers, logs and output of an attempt from before runs kept them apart, as recorded', () => {
    const html = attemptDetailHtml(
      mp,
      attempt({
        results: attempt().results.map(({ output: _o, outputBytes: _b, ...r }) => r),
        timers: [{ kind: 'Compute', message: 'old', elapsedMs: 0, parent: null }],
        logs: [],
      }),
    );
    expect(html).toContain('Timers (wbTime), every dataset');
    expect(html).toContain('<h3>Program output</h3>');
  });

  describe('a grade attempt', () => {
    const grade = {
      score: 80,
      maxScore: 100,
      late: false,
      items: [
        { name: 'Dataset 0: 16 elements', points: 10, earned: 10, message: 'passed' },
        { name: 'Dataset 6: 65537 elements (hidden)', points: 15, earned: 0, message: 'failed' },
        { name: 'Uses <cuda>', points: 5, earned: 0, message: 'not found' },
      ],
    } as Grade;
    const graded = attempt({ kind: 'grade' });

    it('shows its score and every item of the breakdown', () => {
      const html = attemptDetailHtml(mp, graded, grade);
      expect(html).toContain('Grade <strong>80 / 100</strong>');
      expect(html).toContain('<tr><td>Dataset 6: 65537 elements (hidden)</td><td>0 / 15</td>');
      expect(html).toContain('<td>Uses &lt;cuda&gt;</td><td>0 / 5</td>');
      expect(html).toContain('<span class="grade-mark">grade</span>');
      expect(html).not.toContain('data-grade="pending"');
    });

    it('says it is being graded until the score is there, and that an unjudged one gets none', () => {
      const pending = attemptDetailHtml(mp, graded, null);
      expect(pending).toContain('data-grade="pending"');
      expect(pending).toContain('Being graded');
      const broken = attemptDetailHtml(mp, attempt({ kind: 'grade', status: 'internal_error', results: [] }), null);
      expect(broken).not.toContain('data-grade="pending"');
      expect(broken).toContain('gets no grade');
      expect(attemptDetailHtml(mp, attempt({ kind: 'grade', status: 'running' }), null)).not.toContain('attempt-grade');
    });
  });
});
