/**
 * `npm run bench`: what the sandbox and the compile cache cost, measured side by side in one run.
 *   1. one run of the same program: bare exec vs the whole of a run in the sandbox as the worker
 *      asks for it (hand-over of the folder and binary, the box's cgroup limited, emptied and
 *      read, the launcher's namespaces, root, capped folder, seccomp and report), in a box made
 *      ahead (the worker's usual case) and in one made at the run (its first run of a profile),
 *      with the worker root and with the worker an unprivileged uid (user namespace, delegated
 *      cgroup), each after the machine idled a moment, as between students' runs — target:
 *      overhead under 5 ms per run;
 *   2. a submission of vector-add-cpp's solution, on one dataset and on every public one:
 *      uncached (compiler runs), cached (a resubmission: keyword check, run directory, cache
 *      lookup and hand-out of the binary, runs) and the runs alone, each timed up to its verdict
 *      as the worker's pipeline returns it (the run directory is removed after that) — target:
 *      cached under 1.2x the runs alone.
 * Figures are printed, not asserted: timings depend on the machine.
 */
import { AppConfig, loadConfig, loadMp, Mp } from '@wb/common';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompileCache } from '../../apps/gpu-worker/src/cache/compile-cache';
import { CompileCacheOptions } from '../../apps/gpu-worker/src/cache/compile-cache-options';
import { CompilerVersions } from '../../apps/gpu-worker/src/cache/compiler-versions';
import { FileDigests } from '../../apps/gpu-worker/src/cache/file-digests';
import { AttemptPipeline } from '../../apps/gpu-worker/src/runner/attempt-pipeline';
import { DeviceLease } from '../../apps/gpu-worker/src/runner/device-lease';
import { Compiler } from '../../apps/gpu-worker/src/runner/compiler';
import { DatasetRunner } from '../../apps/gpu-worker/src/runner/dataset-runner';
import { RunDirectories } from '../../apps/gpu-worker/src/runner/run-directories';
import { BoxSandbox } from '../../apps/gpu-worker/src/sandbox/box-sandbox';
import { defaultBoxSandboxOptions } from '../../apps/gpu-worker/src/sandbox/box-sandbox-options';
import { ROOT } from '../support/processes';
import { unprivilegedJest } from '../support/unprivileged-jest';

const RUNS = 40;
/** A pause before each timed exec: back-to-back runs would keep warm what a real run finds cold. */
const IDLE_MS = 30;
const SUBMISSIONS = 15;
/** Set in the jest this benchmark starts under an unprivileged uid: where that one writes its figures. */
const OVERHEAD_OUT = process.env.WB_BENCH_OVERHEAD_OUT;
const UNPRIVILEGED_UID = 3_980_000 + (process.pid % 1000);

interface OverheadFigures {
  bare: number;
  /** A box made ahead of the run, as the worker keeps them waiting per profile. */
  boxed: number;
  /** A box made when the run comes (a worker's first run of a profile, or more at once than it made ahead). */
  cold: number;
}

jest.setTimeout(600_000);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The program run as any judge must run it at the least: its stdout and stderr read to the end. */
function bareExec(binary: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(binary, [], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

function print(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n\n`);
}

describe('sandbox and compile cache benchmark', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  let config: AppConfig;
  let sandbox: BoxSandbox;
  let mp: Mp;
  let runs: RunDirectories;

  beforeAll(async () => {
    execFileSync('make', ['-s', '-C', join(ROOT, 'apps', 'gpu-worker', 'sandbox')], { stdio: 'inherit' });
    execFileSync('make', ['-s', '-C', join(ROOT, 'libs', 'libwb')], { stdio: 'inherit' });
    config = loadConfig('worker', {
      ...process.env,
      WORKER_WORK_DIR: join(scratch, 'work'),
      SESSION_SECRET: randomBytes(24).toString('hex'),
      WORKER_TOKEN: randomBytes(24).toString('hex'),
    });
    sandbox = new BoxSandbox(defaultBoxSandboxOptions(config));
    await sandbox.verify();
    runs = new RunDirectories(config);
    mp = loadMp(join(ROOT, 'mps', 'vector-add-cpp'), 'vector-add-cpp');
  });

  afterAll(async () => {
    await sandbox.onModuleDestroy();
    await runs.settled();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Medians of a bare exec and of a run in the box, interleaved so that the machine's noise weighs on both alike. */
  async function overhead(): Promise<OverheadFigures> {
    const dir = join(scratch, 'overhead');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'noop.cpp'), 'int main() { return 0; }\n');
    execFileSync('g++', ['-O2', join(dir, 'noop.cpp'), '-o', join(dir, 'noop')]);
    const coldSandbox = new BoxSandbox({ ...defaultBoxSandboxOptions(config), boxesAhead: {} });
    const timedRun = async (box: BoxSandbox, name: string) => {
      const { result, ms } = await runs.use(name, async (runDir) => {
        // As the worker lays a run out: the binary beside the folder the program works in.
        writeFileSync(join(runDir, 'noop'), readFileSync(join(dir, 'noop')), { mode: 0o755 });
        const cwd = join(runDir, 'dataset-0');
        mkdirSync(cwd, { mode: 0o700 });
        await sleep(IDLE_MS);
        const started = performance.now();
        const run = await box.run({ command: join(runDir, 'noop'), args: [], cwd, env: {}, timeoutMs: 10_000, outputCapBytes: 4096 });
        return { result: run, ms: performance.now() - started };
      });
      expect(result.exitCode).toBe(0);
      return ms;
    };
    const bare: number[] = [];
    const boxed: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await sleep(IDLE_MS);
      bare.push(await bareExec(join(dir, 'noop'), dir));
      boxed.push(await timedRun(sandbox, `bench-${i}`));
      cold.push(await timedRun(coldSandbox, `bench-cold-${i}`));
    }
    return { bare: median(bare), boxed: median(boxed), cold: median(cold) };
  }

  it('prints the sandbox overhead per run against a bare exec of the same program, for both worker modes', async () => {
    const root = await overhead();
    if (OVERHEAD_OUT) {
      writeFileSync(OVERHEAD_OUT, JSON.stringify(root));
      return;
    }
    const child = await unprivilegedJest(
      UNPRIVILEGED_UID,
      [
        '--selectProjects',
        'bench',
        '--runInBand',
        '--runTestsByPath',
        'test/bench/sandbox-overhead.bench.ts',
        '-t',
        'for both worker modes',
      ],
      (home) => ({ WB_BENCH_OVERHEAD_OUT: join(home, 'overhead.json') }),
      ['overhead.json'],
    );
    const figures = child.files['overhead.json'];
    if (!figures) throw new Error(`the unprivileged run measured nothing:\n${child.log.slice(-3000)}`);
    const unprivileged = JSON.parse(figures) as OverheadFigures;
    const ms = (value: number) => `${value.toFixed(2)} ms`.padEnd(10);
    const row = (f: OverheadFigures) => `${ms(f.bare)}${ms(f.boxed)}${ms(f.boxed - f.bare)}${ms(f.cold)}${ms(f.cold - f.bare)}`;
    print([
      ['runs of a no-op program, each mode', String(RUNS)],
      ['(medians)', 'bare      boxed     overhead  cold box  overhead'],
      ['', '                    (target < 5 ms; boxed: made ahead, cold: made at the run)'],
      ['worker root (a uid per box)', row(root)],
      ['worker unprivileged (user namespace)', row(unprivileged)],
      ['limits', sandbox.description.slice(sandbox.description.indexOf('limits: ') + 'limits: '.length)],
    ]);
  });

  // One small dataset (the hardest case for the ratio: the run is short) and every public dataset
  // (what a student's submission usually is).
  it.each([
    ['one dataset', [5]],
    ['every public dataset', [0, 1, 2, 3, 4, 5]],
  ])('prints cached versus uncached resubmission latency against the run alone (%s)', async (label, ids) => {
    if (OVERHEAD_OUT) return; // the unprivileged jest measures the box alone
    const cache = new CompileCache(
      new CompileCacheOptions(join(scratch, `cache-${ids.length}`), 256 << 20, { linkHits: sandbox.programsHaveOwnUid }),
      new CompilerVersions(),
      new FileDigests(),
    );
    const compiler = new Compiler(sandbox, cache, config);
    const runner = new DatasetRunner(sandbox);
    const pipeline = new AttemptPipeline(compiler, runner, runs, new DeviceLease());
    const solution = readFileSync(join(mp.dir, 'solution.cpp'), 'utf8');
    const datasets = mp.datasets.filter((d) => ids.includes(d.id));

    const uncached: number[] = [];
    const cached: number[] = [];
    const runAlone: number[] = [];
    for (let i = 0; i < SUBMISSIONS; i++) {
      // A different comment is a different program to the cache: the compiler runs.
      const fresh = `${solution}\n// bench ${i} ${randomBytes(4).toString('hex')}\n`;
      // A run directory is removed after the verdict is out; each timing starts once the last
      // removal is over, so that none of them pays for another's.
      await runs.settled();
      let started = performance.now();
      expect((await pipeline.execute(`bench-u${i}`, mp, fresh, datasets)).status).toBe('passed');
      uncached.push(performance.now() - started);

      await runs.settled();
      started = performance.now();
      expect((await pipeline.execute(`bench-c${i}`, mp, fresh, datasets)).status).toBe('passed');
      cached.push(performance.now() - started);

      await runs.settled();
      runAlone.push(
        await runs.use(`bench-r${i}`, async (dir) => {
          const compiled = await compiler.compile(mp, fresh, dir); // a cache hit: not timed
          if (!compiled.ok) throw new Error(compiled.output);
          const t = performance.now();
          for (const dataset of datasets) expect((await runner.run(mp, compiled.binary, dataset, dir)).result.status).toBe('passed');
          return performance.now() - t;
        }),
      );
    }
    print([
      [`submissions (vector-add-cpp, ${label}: ${ids.join(', ')})`, String(SUBMISSIONS)],
      ['uncached (compile + run), median', `${median(uncached).toFixed(1)} ms`],
      ['cached resubmission, median', `${median(cached).toFixed(1)} ms`],
      ['the run alone, median', `${median(runAlone).toFixed(1)} ms`],
      ['cached / run alone', `${(median(cached) / median(runAlone)).toFixed(2)}x (target < 1.2x)`],
      ['uncached / cached', `${(median(uncached) / median(cached)).toFixed(1)}x`],
    ]);
  });
});
