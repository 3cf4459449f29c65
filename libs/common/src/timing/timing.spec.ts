import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceFacts, parseCpuInfo, parseNvidiaSmi } from './device-facts';
import { median, timingFigure } from './timing-stats';
import { clockDrift, judgeTiming, scoredTimeMs, TimedRun } from './timing-verdict';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('median and spread', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('is not moved by one disturbed run, and the spread shows it', () => {
    const figure = timingFigure([10, 10.2, 9.8, 10.1, 40]);
    expect(figure.medianMs).toBe(10.1);
    expect(figure.minMs).toBe(9.8);
    expect(figure.maxMs).toBe(40);
    expect(figure.spread).toBeCloseTo((40 - 9.8) / 10.1, 10);
  });
});

describe('nvidia-smi --query-gpu', () => {
  it('reads an H200', () => {
    expect(parseNvidiaSmi(fixture('nvidia-smi-h200.txt'))).toEqual({
      model: 'NVIDIA H200',
      kind: 'gpu',
      driver: '570.86.15',
      clockMhz: 1980,
      temperatureC: 34,
    });
  });

  it('reads the first GPU of several', () => {
    expect(parseNvidiaSmi(fixture('nvidia-smi-h100-two-gpus.txt'))).toMatchObject({ model: 'NVIDIA H100 80GB HBM3', clockMhz: 1755 });
  });

  it('leaves out a field the GPU cannot report instead of guessing it', () => {
    const facts = parseNvidiaSmi(fixture('nvidia-smi-t4-no-clock.txt'));
    expect(facts).toEqual({ model: 'Tesla T4', kind: 'gpu', driver: '535.183.01', temperatureC: 47 });
  });

  it('names no GPU for empty output', () => {
    expect(parseNvidiaSmi('\n')).toBeUndefined();
  });
});

describe('/proc/cpuinfo', () => {
  it("reads the first processor's model and clock", () => {
    expect(parseCpuInfo(fixture('cpuinfo-epyc.txt'))).toEqual({ model: 'AMD EPYC 7R13 Processor', kind: 'cpu', clockMhz: 2649.998 });
  });
});

describe('judging a timed run', () => {
  const at = (clockMhz?: number): DeviceFacts => ({ model: 'NVIDIA H200', kind: 'gpu', clockMhz });
  const run = (seed: number, timeMs: number, passed = true): TimedRun => ({
    seed,
    timeMs,
    passed,
    message: passed ? 'correct' : 'element 3 differs',
  });
  const runs = [run(1, 2.1), run(2, 2.0), run(3, 2.3), run(4, 2.2), run(5, 2.0)];

  it('gives the median and spread of five correct runs on steady clocks', () => {
    const verdict = judgeTiming(runs, at(1980), at(1965), 0.1);
    expect(verdict.status).toBe('valid');
    expect(verdict.figure?.medianMs).toBe(2.1);
  });

  it('voids the figure when any one run is wrong', () => {
    const verdict = judgeTiming([...runs.slice(0, 4), run(5, 1.0, false)], at(1980), at(1980), 0.1);
    expect(verdict).toEqual({ status: 'void', reason: 'the run on seed 5 was wrong: element 3 differs' });
  });

  it('voids a program that times nothing', () => {
    expect(judgeTiming([{ seed: 1, passed: true, message: 'correct' }], at(1980), at(1980), 0.1).status).toBe('void');
  });

  it('marks a run whose clock moved more than the lab allows, keeping its figure', () => {
    const verdict = judgeTiming(runs, at(1980), at(1410), 0.1);
    expect(verdict.status).toBe('unstable');
    expect(verdict.figure?.medianMs).toBe(2.1);
    expect(verdict.reason).toContain('1980 → 1410 MHz');
  });

  it('measures drift as a share of the first reading, and none without a clock', () => {
    expect(clockDrift(at(2000), at(1800))).toBeCloseTo(0.1, 10);
    expect(clockDrift(at(undefined), at(1800))).toBeUndefined();
  });

  it('scores the top-level Compute and GPU timers, not the import or nested ones', () => {
    const timers = [
      { kind: 'Generic', elapsedMs: 50, parent: null },
      { kind: 'GPU', elapsedMs: 3, parent: null },
      { kind: 'Compute', elapsedMs: 1, parent: 1 },
      { kind: 'Compute', elapsedMs: 2, parent: null },
    ];
    expect(scoredTimeMs(timers)).toBe(5);
    expect(scoredTimeMs([{ kind: 'Copy', elapsedMs: 1, parent: null }])).toBeUndefined();
  });
});
