import { Mp, parseNcuReport, parseSanitizerReport, PROFILE_KERNEL_CAP, SANITIZER_ERROR_CAP } from '@wb/common';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysisTimeoutMs } from '../../apps/gpu-worker/src/runner/analysis-runs';
import { DatasetRunner, TOOL_REPORT_CAP } from '../../apps/gpu-worker/src/runner/dataset-runner';
import { ANALYSIS_DIR, buildStandInTool, REPORT_SABOTAGES, toolRun, WithStandInTool } from './support/analysis-reports';
import { childrenOfThisProcess, eventually, existing, ownedBy, processesOf, snapshot } from './support/hygiene';
import { loadHostilePrograms, PROGRAMS_DIR } from './support/hostile-programs';
import { HostileWorker } from './support/hostile-worker';

/**
 * The sandbox attack suite: every program in programs/ is compiled and run exactly as the worker
 * does it (its Compiler and DatasetRunner, through BoxSandbox), and must get its stated
 * verdict, leave no process and no file behind, leak nothing, and leave the worker able to run
 * the next job. WB_HOSTILE_VERBOSE=1 prints what each program saw.
 */
const programs = loadHostilePrograms();

let worker: HostileWorker;
let passBinary: string;
let hostTmpBefore: Set<string>;
let labBefore: string;

beforeAll(async () => {
  worker = new HostileWorker();
  await worker.sandbox.verify();
  // Compiled once, outside the attempts, and run after each hostile one.
  const keep = join(worker.scratch, 'pass');
  mkdirSync(keep, { mode: 0o700 });
  const compiled = await worker.compiler.compile(worker.mp, readFileSync(join(PROGRAMS_DIR, 'pass.cpp'), 'utf8'), keep);
  if (!compiled.ok) throw new Error(`pass.cpp does not compile: ${compiled.output}`);
  passBinary = compiled.binary;

  hostTmpBefore = new Set(ownedBy(tmpdir(), worker.uids));
  labBefore = snapshot(worker.mp.datasets[0].dir);
}, 120_000);

afterAll(() => worker?.close());

describe('hostile programs', () => {
  it('has the suite the issue asks for', () => {
    expect(programs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(programs.map((p) => [p.name, p] as const))(
    '%s',
    async (_name, program) => {
      const result = await worker.attempt(program.name, program.source);
      if (process.env.WB_HOSTILE_VERBOSE)
        console.log(`${program.name}: ${result.verdict} (${result.message})\n${result.output.slice(0, 3000)}`);
      // Compared with what was seen alongside, so that a wrong verdict shows the program's output.
      const seen = `${result.message}\n${result.output.slice(0, 2000)}`;
      const wanted = program.expected.includes(result.verdict) ? result.verdict : program.expected.join(' or ');
      expect({ verdict: result.verdict, seen }).toEqual({ verdict: wanted, seen });

      // Nothing got out: no escape reported, no secret, no host account, no sight of the worker.
      for (const leak of ['ESCAPED', worker.canary, 'root:x:0:0', 'jest']) expect(result.output).not.toContain(leak);
      // Nothing is left running, inside the box or out of it.
      expect(await eventually(() => processesOf(worker.uids, worker.scratch, worker.waitingBoxes))).toEqual([]);
      expect(await eventually(() => childrenOfThisProcess(worker.waitingBoxes))).toEqual([]);
      // Nothing was written outside the run directory, which is gone once its removal ends.
      await worker.runs.settled();
      expect(readdirSync(worker.config.WORKER_WORK_DIR)).toEqual(['box-root', 'runs']);
      // What each box mounted on it was the box's own: nothing of it shows on the host.
      expect(readdirSync(join(worker.config.WORKER_WORK_DIR, 'box-root'))).toEqual([]);
      expect(readdirSync(worker.runs.root)).toEqual([]);
      expect(existing(program.hostMustNotExist)).toEqual([]);
      expect(ownedBy(tmpdir(), worker.uids).filter((f) => !hostTmpBefore.has(f))).toEqual([]);
      expect(snapshot(worker.mp.datasets[0].dir)).toBe(labBefore);

      // And the worker still runs the next job.
      expect(await worker.runBinary(`next-${program.name}`, passBinary)).toBe('passed');
    },
    60_000,
  );

  it("gives each box a uid of its own: a program holding every thread it may have does not starve another's", async () => {
    const hog = programs.find((p) => p.name === 'hold-threads')!;
    const honest = programs.find((p) => p.name === 'threads-ok')!;
    // Compiled (and cached) first, so that both runs start within milliseconds of their attempt.
    await Promise.all([worker.attempt('hog-warm', hog.source), worker.attempt('honest-warm', honest.source)]);

    const holding = worker.attempt('hog', hog.source);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the hog holds its threads for its whole run
    const beside = await worker.attempt('honest', honest.source);
    const held = await holding;

    expect(held.verdict).toBe('timeout');
    expect(held.output).toMatch(/holding \d+ threads/);
    expect({ verdict: beside.verdict, message: beside.message }).toEqual({ verdict: 'passed', message: 'the solution is correct' });
  }, 60_000);

  it('leaves the compile cache as stored when a resubmitted program attacks its own binary', async () => {
    const tamper = programs.find((p) => p.name === 'tamper-own-binary')!;
    await worker.attempt('tamper-first', tamper.source); // compiled, or already a hit after the suite above
    const resubmitted = await worker.attempt('tamper-again', tamper.source); // a hit: the cache's binary

    expect(resubmitted.verdict).toBe('sandbox_violation');
    expect(resubmitted.output).not.toContain('ESCAPED');
    // Under a root worker the hit is a hard link to the cache's file (two names); else a copy.
    expect(resubmitted.output).toContain(`binary names: ${worker.sandbox.programsHaveOwnUid ? 2 : 1}\n`);
    for (const entry of cacheEntries(join(worker.scratch, 'cache'))) {
      const meta = JSON.parse(readFileSync(join(entry, 'meta.json'), 'utf8')) as { binary: { sha256: string } | null };
      if (meta.binary) expect(sha256(readFileSync(join(entry, 'binary')))).toBe(meta.binary.sha256);
    }
    // And the next resubmission still runs what was compiled.
    const again = await worker.attempt('tamper-third', tamper.source);
    expect(again.output).toContain('refused open for writing: ');
  });
});

/**
 * "Check memory" and "Profile" run the program under compute-sanitizer or ncu, which write their
 * report into the program's own folder, where the program (the same uid) can forge or sabotage
 * it. A stand-in tool (analysis/stand-in-tool.c) takes the real tool's place in the worker's
 * cuda-sanitizer box; analysis/saboteur.cpp attacks its report. Each run must end with its
 * verdict within its limit, read nothing from outside the box into the report, keep a report no
 * larger than the cap, and give the report parsers bytes they read without throwing.
 */
describe('forged and sabotaged analysis reports', () => {
  let standIn: string;
  let saboteur: string;
  let datasets: DatasetRunner;
  let expectedLines: string[];
  let lab: Mp;

  beforeAll(async () => {
    standIn = buildStandInTool(join(worker.scratch, 'tools'));
    const keep = join(worker.scratch, 'saboteur');
    mkdirSync(keep, { mode: 0o700 });
    const compiled = await worker.compiler.compile(worker.mp, readFileSync(join(ANALYSIS_DIR, 'saboteur.cpp'), 'utf8'), keep);
    if (!compiled.ok) throw new Error(`saboteur.cpp does not compile: ${compiled.output}`);
    saboteur = compiled.binary;
    datasets = new DatasetRunner(new WithStandInTool(worker.sandbox, standIn));
    expectedLines = readFileSync(worker.mp.datasets[0].expected, 'utf8')
      .split('\n')
      .filter((line) => line.length >= 6);
    // A tool's run may take ten times the program's time (analysisTimeoutMs): 3 s, which blocking-pipe waits out.
    lab = { ...worker.mp, config: { ...worker.mp.config, limits: { ...worker.mp.config.limits, run_s: 0.3 } } };
  }, 60_000);

  it.each(REPORT_SABOTAGES.map((s) => [s.name, s] as const))(
    '%s',
    async (_name, sabotage) => {
      const started = Date.now();
      const run = await worker.runs.use(`report-${sabotage.name}`, (dir) => {
        // One binary under each name: its name says which attack it makes.
        const binary = join(dir, sabotage.name);
        copyFileSync(saboteur, binary);
        chmodSync(binary, 0o755);
        return datasets.run(lab, binary, lab.datasets[0], dir, undefined, [toolRun(sabotage.tool, standIn)]);
      });
      const elapsedMs = Date.now() - started;
      if (process.env.WB_HOSTILE_VERBOSE)
        console.log(`report ${sabotage.name}: ${run.result.status} in ${elapsedMs} ms\n${run.output.slice(0, 2000)}`);

      expect({ verdict: run.result.status, output: run.output }).toEqual({
        verdict: sabotage.verdict,
        output: expect.stringMatching(sabotage.shows),
      });
      expect(elapsedMs).toBeLessThan(analysisTimeoutMs(lab.config.limits.run_s) + 2_000);
      // Nothing outside the box was read into the report: not the expected output, not the host's accounts.
      for (const line of expectedLines) expect(run.output).not.toContain(line);
      for (const leak of [worker.canary, 'root:']) expect(run.output).not.toContain(leak);
      // The report was kept whole only under the cap, and is shown capped again, as text.
      expect(Buffer.byteLength(run.output)).toBeLessThan(TOOL_REPORT_CAP);
      const cut = /\[truncated: (\d+) bytes in all, the first (\d+) shown\]$/.exec(run.output);
      if (cut) expect(Number(cut[1])).toBeGreaterThan(Number(cut[2])); // the report's size, not the program's printing
      expect(run.output).not.toMatch(/[\u0000\u001b\u009b\r]/);
      // The pages' parsers read whatever came back into a bounded result.
      expect(parseSanitizerReport(run.output).errors.length).toBeLessThanOrEqual(SANITIZER_ERROR_CAP);
      expect(parseNcuReport(run.output).kernels.length).toBeLessThanOrEqual(PROFILE_KERNEL_CAP);

      expect(await eventually(() => processesOf(worker.uids, worker.scratch, worker.waitingBoxes))).toEqual([]);
      expect(snapshot(worker.mp.datasets[0].dir)).toBe(labBefore);
    },
    30_000,
  );
});

function cacheEntries(cacheDir: string): string[] {
  const entries = join(cacheDir, 'entries');
  return readdirSync(entries).flatMap((fan) => readdirSync(join(entries, fan)).map((key) => join(entries, fan, key)));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
