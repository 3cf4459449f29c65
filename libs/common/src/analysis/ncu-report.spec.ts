import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNcuReport, PROFILE_KERNEL_CAP } from './ncu-report';
import { ADVICE_RULES, profileAdvice } from './profile-advice';

/**
 * fixtures/ncu-vector-add.csv is what `ncu --csv --page details --section SpeedOfLight --section
 * Occupancy --section LaunchStats` prints for a program with two kernels (ncu's progress lines and
 * the program's own output first); ncu-counters-forbidden.txt is what it prints where the driver
 * keeps the performance counters for administrators.
 */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('parseNcuReport', () => {
  it('reads one profile per launch, in microseconds, bytes and % of peak', () => {
    const report = parseNcuReport(fixture('ncu-vector-add.csv'));
    expect(report.countersForbidden).toBe(false);
    expect(report.omitted).toBe(0);
    expect(report.kernels).toEqual([
      {
        id: '0',
        kernel: 'vecAdd(float *, float *, float *, int)',
        blockSize: 256,
        gridSize: 3907,
        memoryThroughput: 81.12,
        dramThroughput: 81.12,
        durationUs: 12.83,
        computeThroughput: 14.37,
        registersPerThread: 16,
        sharedMemoryPerBlock: 0,
        theoreticalOccupancy: 100,
        achievedOccupancy: 84.65,
      },
      {
        id: '1',
        kernel: 'reduce(float *, float *, int)',
        blockSize: 512,
        gridSize: 16,
        dramThroughput: 23.41,
        durationUs: 1210,
        computeThroughput: 9.8,
        registersPerThread: 32,
        sharedMemoryPerBlock: 2050,
        achievedOccupancy: 45.02,
      },
    ]);
  });

  it('says when the host forbids the counters (ERR_NVGPUCTRPERM)', () => {
    expect(parseNcuReport(fixture('ncu-counters-forbidden.txt'))).toEqual({ kernels: [], omitted: 0, countersForbidden: true });
  });

  it('caps the launches, and skips short or unquoted lines and an unknown header', () => {
    const header = '"ID","Kernel Name","Metric Name","Metric Unit","Metric Value"';
    const rows = Array.from({ length: PROFILE_KERNEL_CAP + 3 }, (_, i) => `"${i}","k(int *)","Duration","nsecond","1,500"`);
    const report = parseNcuReport([header, ...rows, '"99","short"', 'garbage'].join('\n'));
    expect(report.kernels).toHaveLength(PROFILE_KERNEL_CAP);
    expect(report.kernels[0].durationUs).toBe(1.5);
    expect(report.omitted).toBe(3);
    expect(parseNcuReport('"ID","Something"\n"0","x"').kernels).toEqual([]);
    expect(parseNcuReport('').kernels).toEqual([]);
  });
});

describe('profileAdvice', () => {
  const base = { id: '0', kernel: 'k()', durationUs: 100, achievedOccupancy: 70 };
  it.each([
    [{ ...base, durationUs: 2, dramThroughput: 90, computeThroughput: 5 }, 'too-short', /too short to judge \(2\.0 µs\)/],
    [
      { ...base, dramThroughput: 81, computeThroughput: 14 },
      'memory-bound-busy',
      /^memory-bound at 81 % of peak bandwidth: read each value fewer times/,
    ],
    [{ ...base, dramThroughput: 20, computeThroughput: 75 }, 'compute-bound-busy', /^compute-bound at 75 % of peak/],
    [{ ...base, achievedOccupancy: 12, dramThroughput: 23, computeThroughput: 9 }, 'low-occupancy', /^low occupancy \(12 % achieved\)/],
    [
      { ...base, dramThroughput: 23.4, computeThroughput: 9.8 },
      'memory-bound-idle',
      /^memory-bound at 23 % of peak bandwidth: check coalescing/,
    ],
    [{ ...base, dramThroughput: 8, computeThroughput: 19 }, 'latency-bound', /^latency-bound: neither memory \(8 %\) nor compute \(19 %\)/],
  ])('%j → %s', (kernel, rule, advice) => {
    expect(ADVICE_RULES.map((r) => r.name)).toContain(rule);
    expect(profileAdvice(kernel)).toMatch(advice);
  });

  it("falls back to SpeedOfLight's memory share without DRAM's, and says nothing without figures", () => {
    expect(profileAdvice({ ...base, memoryThroughput: 70, computeThroughput: 10 })).toMatch(/^memory-bound at 70 %/);
    expect(profileAdvice({ ...base })).toBeUndefined();
  });

  it('advises both kernels of the recorded profile', () => {
    const [vecAdd, reduce] = parseNcuReport(fixture('ncu-vector-add.csv')).kernels;
    expect(profileAdvice(vecAdd)).toMatch(/^memory-bound at 81 % of peak bandwidth/);
    expect(profileAdvice(reduce)).toMatch(/^memory-bound at 23 % of peak bandwidth: check coalescing/);
  });
});
