import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function cacheEntries(cacheDir: string): string[] {
  const entries = join(cacheDir, 'entries');
  return readdirSync(entries).flatMap((fan) => readdirSync(join(entries, fan)).map((key) => join(entries, fan, key)));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
