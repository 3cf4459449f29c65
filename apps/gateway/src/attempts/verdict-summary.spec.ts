import type { Attempt, DatasetResult } from '@wb/common';
import { verdictSummary } from './verdict-summary';

const run = (dataset: number, over: Partial<DatasetResult> = {}): DatasetResult => ({
  dataset,
  status: 'passed',
  passed: true,
  message: 'the solution is correct',
  timeMs: 1,
  ...over,
});

const attempt = (over: Partial<Attempt>): Attempt =>
  ({ status: 'passed', results: [], compilerOutput: '', output: '', ...over }) as Attempt;

const GCC = `program.cpp: In function 'int main(int, char**)':
program.cpp:26:5: error: 'x' was not declared in this scope
   26 |     x = 1;
      |     ^
`;

describe('verdictSummary', () => {
  it('counts the datasets that passed, never the "== dataset 0 ==" header of the output', () => {
    const results = [0, 1, 2, 3, 4, 5].map((d) => run(d));
    expect(verdictSummary(attempt({ results, output: '== dataset 0 ==\nok' }))).toBe('passed 6/6');
    expect(verdictSummary(attempt({ results: [run(3)] }))).toBe('passed 1/1');
  });

  it('names the first wrong dataset with its first mismatch and how many there are', () => {
    const wrong = run(2, {
      status: 'failed',
      passed: false,
      message: 'mismatch at index 17: expected 3.5, got 3.49',
      mismatches: { total: 42, first: [{ index: 17, expected: '3.5', actual: '3.49', difference: -0.01 }] },
    });
    const results = [run(0), run(1), wrong, run(3), run(4), run(5, { status: 'failed', passed: false, message: 'other' })];
    expect(verdictSummary(attempt({ status: 'failed', results }))).toBe(
      'failed 4/6: dataset 2: expected 3.5 at index 17, got 3.49 (42 mismatches)',
    );
  });

  it("uses a matrix's row and column, and the message where the comparison listed no mismatch", () => {
    const matrix = run(0, {
      status: 'failed',
      passed: false,
      message: 'mismatch at row 1, col 2 (index 5): expected 6, got 7',
      mismatches: { total: 1, first: [{ index: 5, where: 'row 1, col 2', expected: '6', actual: '7', difference: 1 }] },
    });
    expect(verdictSummary(attempt({ status: 'failed', results: [matrix] }))).toBe(
      'failed 0/1: dataset 0: expected 6 at row 1, col 2, got 7',
    );
    const short = run(1, { status: 'failed', passed: false, message: 'expected 16 elements, got 15\nmore' });
    expect(verdictSummary(attempt({ status: 'failed', results: [short] }))).toBe('failed 0/1: dataset 1: expected 16 elements, got 15');
  });

  it('says which limit stopped which dataset, and how a crash ended', () => {
    const results = [run(0), run(1), run(2), run(3, { status: 'timeout', passed: false, message: 'ran longer than 3 s' })];
    expect(verdictSummary(attempt({ status: 'timeout', results }))).toBe('failed 3/4: time limit on dataset 3');
    const crash = run(0, { status: 'runtime_error', passed: false, message: 'killed by signal 11 (SIGSEGV)' });
    expect(verdictSummary(attempt({ status: 'runtime_error', results: [crash] }))).toBe(
      'failed 0/1: runtime error on dataset 0: killed by signal 11 (SIGSEGV)',
    );
    const memory = run(4, { status: 'memory_limit', passed: false, message: 'used more than 512 MiB' });
    expect(verdictSummary(attempt({ status: 'memory_limit', results: [memory] }))).toBe('failed 0/1: memory limit on dataset 4');
  });

  it('gives a compile error\'s first error with its line, not gcc\'s "In function" line', () => {
    expect(verdictSummary(attempt({ status: 'compile_error', compilerOutput: GCC }))).toBe(
      "compile error: line 26: 'x' was not declared in this scope",
    );
    // Without a diagnostic it can place (a linker's), the first line that says error.
    const linker =
      "/usr/bin/ld: /tmp/cc.o: in function `main':\nprogram.cpp:(.text+0x1f): undefined reference to `f()'\ncollect2: error: ld returned 1 exit status\n";
    expect(verdictSummary(attempt({ status: 'compile_error', compilerOutput: linker }))).toBe(
      'compile error: collect2: error: ld returned 1 exit status',
    );
  });

  it('says what the other endings are, with their reason', () => {
    expect(verdictSummary(attempt({ status: 'queued' }))).toBe('waiting for a worker');
    expect(verdictSummary(attempt({ status: 'running' }))).toBe('running');
    expect(verdictSummary(attempt({ status: 'rejected', compilerOutput: 'line 3: system() is not allowed in this lab\n' }))).toBe(
      'rejected: line 3: system() is not allowed in this lab',
    );
    expect(verdictSummary(attempt({ status: 'compile_timeout' }))).toBe('compile timeout: the compiler ran longer than the lab allows');
    expect(verdictSummary(attempt({ status: 'cancelled', output: 'stuck in the queue' }))).toBe('cancelled: stuck in the queue');
    expect(verdictSummary(attempt({ status: 'internal_error', output: '' }))).toBe('internal error');
  });

  it('keeps to one line of at most 120 characters', () => {
    const long = run(0, { status: 'failed', passed: false, message: `${'é'.repeat(300)}\nsecond line` });
    const line = verdictSummary(attempt({ status: 'failed', results: [long] }));
    expect(Array.from(line)).toHaveLength(120);
    expect(line.endsWith('…')).toBe(true);
    expect(line).not.toContain('\n');
  });
});
