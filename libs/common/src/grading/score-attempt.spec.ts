import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { DatasetResult } from '../attempts/attempt-outcome';
import { MpConfig } from '../catalogue/mp-config';
import type { Mp } from '../catalogue/mp-loader';
import { scoreAttempt } from './score-attempt';

function lab(extra: Record<string, unknown> = {}): Mp {
  const config = plainToInstance(
    MpConfig,
    {
      id: 'lab',
      title: 'Lab',
      toolchain: 'cpp',
      language: 'cpp',
      output_type: 'vector',
      datasets: [
        { id: 0, name: 'small', points: 40 },
        { id: 1, name: 'large', hidden: true, points: 60 },
      ],
      ...extra,
    },
    { exposeDefaultValues: true },
  );
  const datasets = config.datasets.map((d) => ({ ...d, dir: '', inputs: [], expected: '' }));
  return { config, dir: '', template: '', description: '', datasets, version: 'v' };
}

const result = (dataset: number, passed: boolean, message = ''): DatasetResult => ({
  dataset,
  status: passed ? 'passed' : 'failed',
  passed,
  message,
  timeMs: 1,
});
const run = (over: Partial<Parameters<typeof scoreAttempt>[1]> = {}) => ({
  status: 'failed' as const,
  program: 'int main() { compute(); } // kernel',
  results: [result(0, true), result(1, false, 'mismatch at index 3')],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

describe('scoreAttempt', () => {
  it('gives each passed dataset its points, hidden ones included, and says how the others failed', () => {
    const s = scoreAttempt(lab(), run());
    expect(s).toMatchObject({ score: 40, maxScore: 100, late: false });
    expect(s.items).toEqual([
      { name: 'Dataset 0: small', points: 40, earned: 40, message: 'passed' },
      // A hidden dataset's item says the verdict only: its message could carry the dataset's data.
      { name: 'Dataset 1: large (hidden)', points: 60, earned: 0, message: 'failed' },
    ]);
  });

  it('gives compile points only to a program that built, and dataset points to none that did not', () => {
    const mp = lab({ rubric: { compile_points: 10 } });
    expect(scoreAttempt(mp, run()).score).toBe(50);
    const broken = scoreAttempt(mp, run({ status: 'compile_error', results: [] }));
    expect(broken.score).toBe(0);
    expect(broken.items[0].message).toBe('did not compile (compile error)');
    expect(broken.items[1].message).toMatch(/not run/);
  });

  it('finds required keywords in code only, not in comments or strings', () => {
    const mp = lab({
      keywords: {
        forbid: [],
        require: [
          { keyword: 'compute', points: 5 },
          { keyword: 'kernel', points: 5 },
        ],
      },
    });
    const s = scoreAttempt(mp, run());
    expect(s.items.slice(2).map((i) => i.earned)).toEqual([5, 0]);
    expect(s).toMatchObject({ score: 45, maxScore: 110 });
  });

  it('applies the late policy as an item, so the items add up to the score', () => {
    const mp = lab({ deadline: '2025-12-31T12:00:00Z', late: { policy: 'penalty', penalty_per_day: 0.5 } });
    const s = scoreAttempt(mp, run());
    expect(s).toMatchObject({ score: 20, late: true });
    expect(s.items.at(-1)).toMatchObject({ name: 'Late', earned: -20 });
    expect(s.items.reduce((sum, i) => sum + i.earned, 0)).toBe(s.score);
  });
});
