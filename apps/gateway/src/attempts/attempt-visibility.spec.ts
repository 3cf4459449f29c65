import type { Attempt, Mp } from '@wb/common';
import { visibleAttempt } from './attempt-visibility';

const mp = {
  datasets: [
    { id: 0, hidden: false },
    { id: 1, hidden: true },
  ],
} as unknown as Mp;
const student = { role: 'student' };

const attempt = (over: Partial<Attempt> = {}): Attempt =>
  ({
    id: 'a',
    status: 'failed',
    output: '== dataset 0 ==\npublic\n== dataset 1 ==\nSECRET',
    outputBytes: 20,
    results: [
      { dataset: 0, status: 'passed', passed: true, message: 'the solution is correct', timeMs: 1, output: 'public', outputBytes: 7 },
      {
        dataset: 1,
        status: 'failed',
        passed: false,
        message: 'expected 4.2, got 0',
        timeMs: 2,
        output: 'SECRET',
        outputBytes: 13,
        mismatches: { total: 40, first: [{ index: 3, expected: '4.2', actual: '0', difference: -4.2 }] },
      },
    ],
    timers: [
      { kind: 'Generic', message: 'a', elapsedMs: 1, parent: null, dataset: 0 },
      { kind: 'Generic', message: 'SECRET', elapsedMs: 1, parent: null, dataset: 1 },
      { kind: 'Compute', message: 'b', elapsedMs: 1, parent: 0, dataset: 0 },
    ],
    logs: [
      { level: 'TRACE', message: 'SECRET', file: 'p.cpp', line: 1, dataset: 1 },
      { level: 'TRACE', message: 'ok', file: 'p.cpp', line: 1, dataset: 0 },
    ],
    ...over,
  }) as unknown as Attempt;

describe('visibleAttempt', () => {
  it("gives a student a hidden run's verdict and time, nothing it printed, logged, timed, was compared with or differed in", () => {
    const seen = visibleAttempt(attempt(), mp, student);
    expect(JSON.stringify(seen)).not.toContain('SECRET');
    expect(JSON.stringify(seen)).not.toContain('4.2');
    expect(seen.results[1]).toEqual({
      dataset: 1,
      status: 'failed',
      passed: false,
      timeMs: 2,
      message: 'the output did not match the expected one',
    });
    expect(seen.output).toMatch(/^== dataset 0 ==\npublic\n/);
    expect(seen.outputBytes).toBe(7);
    expect(seen.logs.map((l) => l.message)).toEqual(['ok']);
    // The kept timers' parent links follow them to their new places.
    expect(seen.timers.map((t) => [t.message, t.parent])).toEqual([
      ['a', null],
      ['b', 0],
    ]);
  });

  it('shows a student no output, timers or logs of an older attempt whose runs were not kept apart', () => {
    const old = attempt({
      results: attempt().results.map(({ output: _o, outputBytes: _b, ...r }) => r),
      timers: [{ kind: 'Generic', message: 'SECRET', elapsedMs: 1, parent: null }],
    });
    const seen = visibleAttempt(old, mp, student);
    expect(JSON.stringify(seen)).not.toContain('SECRET');
    expect(seen.outputBytes).toBeNull();
    expect(seen.timers).toEqual([]);
  });

  it('leaves staff, and attempts without a hidden run, as stored', () => {
    const stored = attempt();
    expect(visibleAttempt(stored, mp, { role: 'staff' })).toBe(stored);
    expect(visibleAttempt(stored, mp, { role: 'admin' })).toBe(stored);
    const publicOnly = attempt({ results: [stored.results[0]] });
    expect(visibleAttempt(publicOnly, mp, student)).toBe(publicOnly);
  });
});
