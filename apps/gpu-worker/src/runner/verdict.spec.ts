import type { ExecResult } from './exec-types';
import { runVerdict } from './verdict';

const base: ExecResult = {
  exitCode: 0,
  signal: null,
  timedOut: false,
  stdout: '',
  stderr: '',
  outputTruncated: false,
  outputBytes: 0,
  outputLimitHit: false,
  timeMs: 10,
};

describe('runVerdict', () => {
  it('has no verdict for a clean exit (the output comparison decides)', () => {
    expect(runVerdict(base, 100, 1000).verdict).toBeNull();
  });

  it.each<[Partial<ExecResult>, number, string | null]>([
    [{ timedOut: true, signal: 'SIGKILL' }, 0, 'timeout'],
    [{ signal: 'SIGSYS' }, 0, 'sandbox_violation'],
    [{ signal: 'SIGSEGV', memoryLimitHit: true }, 0, 'memory_limit'],
    [{ outputLimitHit: true }, 0, 'output_limit'],
    [{ outputTruncated: true, outputBytes: 1 << 20 }, 0, null],
    [{}, 5000, 'output_limit'],
    [{ signal: 'SIGSEGV' }, 0, 'runtime_error'],
    [{ exitCode: 1 }, 0, 'runtime_error'],
  ])('judges %p with an output file of %d bytes as %s', (change, bytes, verdict) => {
    expect(runVerdict({ ...base, ...change }, bytes, 1000).verdict).toBe(verdict);
  });

  it('explains a crash', () => {
    expect(runVerdict({ ...base, signal: 'SIGSEGV' }, 0, 1000).message).toMatch(/SIGSEGV \(invalid memory access\)/);
  });

  it("adds the toolchain's hint to a crash, and only to a crash", () => {
    const hint = 'check your kernel';
    for (const signal of ['SIGSEGV', 'SIGABRT', 'SIGBUS'] as const)
      expect(runVerdict({ ...base, signal }, 0, 1000, hint)).toEqual({
        verdict: 'runtime_error',
        message: expect.stringMatching(new RegExp(`^the program was killed by ${signal}.* — check your kernel$`)),
      });
    expect(runVerdict({ ...base, signal: 'SIGKILL' }, 0, 1000, hint).message).not.toContain(hint);
    expect(runVerdict({ ...base, exitCode: 3 }, 0, 1000, hint).message).not.toContain(hint);
  });
});
