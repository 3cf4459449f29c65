import { loadMp } from '@wb/common';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxExecSpec } from '../sandbox/sandbox-spec';
import { analysisRuns } from './analysis-runs';
import { DatasetRunner } from './dataset-runner';
import type { ExecResult } from './exec-types';
import { Sandbox } from './sandbox';

const ROOT = join(__dirname, '..', '..', '..', '..');
const LAB = loadMp(join(ROOT, 'mps', 'vector-add'), 'vector-add');
const FIXTURES = join(ROOT, 'libs', 'common', 'src', 'analysis', 'fixtures');
const TOOLS = { sanitizer: '/usr/local/cuda/bin/compute-sanitizer', ncu: '/usr/local/cuda/bin/ncu' };

/**
 * Stands in for the box and the GPU: each run writes the right answer where libwb would, prints
 * a line of its own, and leaves the tool's recorded report (a fixture) where the tool was told
 * to write it, unless `report` is null (the tool could not start).
 */
class ToolSandbox extends Sandbox {
  readonly description = 'fake';
  readonly programsHaveOwnUid = true;
  readonly specs: SandboxExecSpec[] = [];
  constructor(private readonly report: string | null) {
    super();
  }

  compile(): Promise<ExecResult> {
    throw new Error('not used');
  }

  async run(spec: SandboxExecSpec): Promise<ExecResult> {
    this.specs.push(spec);
    const output = spec.args[spec.args.indexOf('-o') + 1];
    await copyFile(LAB.datasets[0].expected, output);
    const log = spec.args[spec.args.indexOf('--log-file') + 1];
    if (this.report !== null) await writeFile(join(spec.cwd, log), this.report);
    const stdout = 'the program printed this\n';
    const stderr = this.report === null ? '========= Error: Target application terminated before first instrumented API call\n' : '';
    return {
      exitCode: 0,
      signal: null,
      timedOut: false,
      stdout,
      stderr,
      outputTruncated: false,
      outputBytes: stdout.length + stderr.length,
      outputLimitHit: false,
      timeMs: 900,
    };
  }
}

describe('DatasetRunner under an analysis tool', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wb-analysis-run-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the tool start the binary in the cuda-sanitizer box, judges the run, and keeps the report as the output', async () => {
    const report = await readFile(join(FIXTURES, 'memcheck-out-of-bounds.txt'), 'utf8');
    const sandbox = new ToolSandbox(report);
    const binary = join(dir, 'program');
    const run = await new DatasetRunner(sandbox).run(
      LAB,
      binary,
      LAB.datasets[0],
      dir,
      undefined,
      analysisRuns('check', 'no shared memory', TOOLS),
    );
    expect(sandbox.specs).toHaveLength(1);
    const [spec] = sandbox.specs;
    expect(spec).toMatchObject({
      command: TOOLS.sanitizer,
      program: binary,
      profile: 'cuda-sanitizer',
      timeoutMs: Math.min(120, LAB.config.limits.run_s * 10) * 1000,
    });
    expect(spec.args.slice(0, 7)).toEqual(['--tool', 'memcheck', '--print-limit', '200', '--log-file', 'memcheck.log', binary]);
    expect(spec.args.slice(7, 8)).toEqual(['-i']);
    expect(spec.readOnlyPaths).toEqual(LAB.datasets[0].inputs);
    expect(run.result).toMatchObject({ status: 'passed', passed: true });
    expect(run.output).toBe(report);
  });

  it('runs each sanitizer tool a program with shared memory needs, and says which tool left no report', async () => {
    const sandbox = new ToolSandbox(null);
    const run = await new DatasetRunner(sandbox).run(
      LAB,
      join(dir, 'program'),
      LAB.datasets[0],
      dir,
      undefined,
      analysisRuns('check', '__shared__ float t[4];', TOOLS),
    );
    expect(sandbox.specs.map((s) => s.args[1])).toEqual(['memcheck', 'racecheck', 'synccheck']);
    expect(run.output).toContain('(memcheck left no report)\nthe program printed this\n========= Error: Target application terminated');
    expect(run.output).toContain('(synccheck left no report)');
  });
});
