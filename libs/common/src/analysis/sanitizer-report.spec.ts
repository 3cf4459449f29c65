import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSanitizerReport, SANITIZER_ERROR_CAP } from './sanitizer-report';

/**
 * Each fixtures/<name>.txt is what `compute-sanitizer --tool <tool>` prints for a program compiled
 * with `-lineinfo`, as the worker runs it in the box (the program's own lines interleaved), in the
 * tool's documented text format (Compute Sanitizer's user manual, "Memcheck/Racecheck/Synccheck
 * reports").
 */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.txt`), 'utf8');

describe('parseSanitizerReport', () => {
  it('reads memcheck errors per (kind, file, line), counted, with the first thread and block', () => {
    const report = parseSanitizerReport(fixture('memcheck-out-of-bounds'));
    expect(report.summaryCount).toBe(4);
    expect(report.omitted).toBe(0);
    expect(report.errors).toEqual([
      {
        kind: 'Invalid __global__ write',
        message: 'Invalid __global__ write of size 4 bytes',
        file: 'program.cu',
        line: 12,
        kernel: 'vecAdd(float *, float *, float *, int)',
        thread: '(232,0,0)',
        block: '(3,0,0)',
        details: [
          'Address 0x7f3a5e000fa0 is out of bounds',
          'and is 1 bytes after the nearest allocation at 0x7f3a5e000000 of size 4000 bytes',
        ],
        count: 2,
      },
      {
        kind: 'Invalid __global__ read',
        message: 'Invalid __global__ read of size 4 bytes',
        file: 'program.cu',
        line: 12,
        kernel: 'vecAdd(float *, float *, float *, int)',
        thread: '(232,0,0)',
        block: '(3,0,0)',
        details: ['Address 0x7f3a5e100fa0 is out of bounds'],
        count: 1,
      },
      {
        kind: 'Program hit cudaErrorLaunchFailure',
        message: 'Program hit cudaErrorLaunchFailure (error 719) due to "unspecified launch failure" on CUDA API call to cudaMemcpy.',
        details: [],
        count: 1,
      },
    ]);
  });

  it("reads racecheck's two places, in either of the tool's formats, adding up its hazard counts", () => {
    const report = parseSanitizerReport(fixture('racecheck-shared-reduction'));
    expect(report.errors).toEqual([
      {
        kind: 'Race (Write / Read)',
        message: 'Error: Race reported between Write access at reduce(float *, float *, int)+0x1c0 in /tmp/wb-box/run/program.cu:25',
        file: 'program.cu',
        line: 25,
        otherLine: 30,
        kernel: 'reduce(float *, float *, int)',
        details: [],
        count: 1024,
      },
      {
        kind: 'Race (Read / Write)',
        message: 'Warning: Race reported between Read access at 0x2a0 in /tmp/wb-box/run/program.cu:31:reduce(float *, float *, int)',
        file: 'program.cu',
        line: 31,
        otherLine: 32,
        kernel: 'reduce(float *, float *, int)',
        details: [],
        count: 8,
      },
    ]);
  });

  it("reads synccheck's barrier errors", () => {
    expect(parseSanitizerReport(fixture('synccheck-divergent-barrier')).errors).toEqual([
      expect.objectContaining({
        kind: 'Barrier error detected. Divergent thread(s) in block',
        file: 'program.cu',
        line: 20,
        thread: '(16,0,0)',
      }),
    ]);
  });

  it('finds nothing in a clean run, and the same through CRLF', () => {
    expect(parseSanitizerReport(fixture('memcheck-clean'))).toEqual({ errors: [], omitted: 0, summaryCount: 0 });
    const crlf = parseSanitizerReport(fixture('memcheck-out-of-bounds').replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(parseSanitizerReport(fixture('memcheck-out-of-bounds')));
  });

  it('keeps a kernel without -lineinfo by its name, and ignores what the program printed with the prefix unindented', () => {
    const report = parseSanitizerReport(
      [
        '========= Invalid __shared__ read of size 4 bytes',
        '=========     at tile(float *)+0x30',
        '=========     by thread (0,0,0) in block (1,0,0)',
        '=========',
      ].join('\n'),
    );
    expect(report.errors).toEqual([
      {
        kind: 'Invalid __shared__ read',
        message: 'Invalid __shared__ read of size 4 bytes',
        kernel: 'tile(float *)',
        thread: '(0,0,0)',
        block: '(1,0,0)',
        details: [],
        count: 1,
      },
    ]);
    expect(report.summaryCount).toBeUndefined();
  });

  it('caps the distinct errors and says how many it left out', () => {
    const lines: string[] = [];
    for (let line = 1; line <= SANITIZER_ERROR_CAP + 7; line++) {
      lines.push(
        '========= Invalid __global__ write of size 4 bytes',
        `=========     at k(int *)+0x10 in /box/program.cu:${line}`,
        '=========',
      );
    }
    const report = parseSanitizerReport(lines.join('\n'));
    expect(report.errors).toHaveLength(SANITIZER_ERROR_CAP);
    expect(report.omitted).toBe(7);
  });

  it('never throws on noise', () => {
    for (const text of [
      '',
      '=========',
      '=========     at',
      '========= Error: Race reported between Write access at',
      '\u0000\u001b[31m========= x\n=========     y',
    ]) {
      expect(() => parseSanitizerReport(text)).not.toThrow();
    }
  });
});
