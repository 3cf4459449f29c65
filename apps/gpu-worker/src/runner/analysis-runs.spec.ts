import { analysisRuns, analysisTimeoutMs, withLineInfo } from './analysis-runs';
import type { Mp } from '@wb/common';

const tools = { sanitizer: '/usr/local/cuda/bin/compute-sanitizer', ncu: '/usr/local/cuda/bin/ncu' };

describe('analysisRuns', () => {
  it('checks a program without shared memory with memcheck alone, its report to a file in the box', () => {
    expect(analysisRuns('check', '__global__ void add(float *a) {}', tools)).toEqual([
      {
        name: 'memcheck',
        command: tools.sanitizer,
        args: ['--tool', 'memcheck', '--print-limit', '200', '--log-file', 'memcheck.log'],
        logName: 'memcheck.log',
      },
    ]);
  });

  it('adds racecheck and synccheck where the program uses __shared__', () => {
    const runs = analysisRuns('check', '__global__ void k() { __shared__ float tile[256]; }', tools);
    expect(runs.map((r) => r.name)).toEqual(['memcheck', 'racecheck', 'synccheck']);
    expect(runs[1].args).toEqual(['--tool', 'racecheck', '--print-limit', '200', '--log-file', 'racecheck.log']);
  });

  it('profiles with the fixed sections, as CSV, a bounded number of launches', () => {
    expect(analysisRuns('profile', '', tools)).toEqual([
      {
        name: 'ncu',
        command: tools.ncu,
        args: [
          '--csv',
          '--page',
          'details',
          '--section',
          'SpeedOfLight',
          '--section',
          'Occupancy',
          '--section',
          'LaunchStats',
          '--launch-count',
          '20',
          '--log-file',
          'ncu.csv',
        ],
        logName: 'ncu.csv',
      },
    ]);
  });

  it('gives the tools ten times the run limit, at most two minutes, and compiles with -lineinfo', () => {
    expect(analysisTimeoutMs(3)).toBe(30_000);
    expect(analysisTimeoutMs(60)).toBe(120_000);
    const mp = { config: { compile: { flags: ['-O2'] } } } as unknown as Mp;
    expect(withLineInfo(mp).config.compile.flags).toEqual(['-O2', '-lineinfo']);
    expect(mp.config.compile.flags).toEqual(['-O2']);
  });
});
