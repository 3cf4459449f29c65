import { TOOLCHAIN_SPECS } from '@wb/common';
import { QueueEvents } from 'bullmq';
import { once } from 'node:events';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'slow-vector-add';
const SOURCE_LAB = join(ROOT, 'mps', 'vector-add-cpp');
/** The reference solution, slowed down so that the worker can be killed in the middle of it. */
const slowSolution = readFileSync(join(SOURCE_LAB, 'solution.cpp'), 'utf8').replace(
  /int main\(([^)]*)\) \{\n/,
  (m) => `${m}  for (volatile unsigned long spin = 0; spin < 3000000000UL; spin = spin + 1) {}\n`,
);

/**
 * A labs folder with one lab: vector-add-cpp's first three datasets under a generous time
 * limit, so that the slowed-down solution still passes on a busy machine.
 */
function slowLabFolder(): string {
  const mps = mkdtempSync(join(tmpdir(), 'wb-failover-mps-'));
  chmodSync(mps, 0o755);
  const lab = join(mps, LAB);
  mkdirSync(lab);
  for (const f of ['description.md', 'template.cpp']) cpSync(join(SOURCE_LAB, f), join(lab, f));
  for (const n of ['0', '1', '2']) cpSync(join(SOURCE_LAB, 'datasets', n), join(lab, 'datasets', n), { recursive: true });
  const yaml = readFileSync(join(SOURCE_LAB, 'mp.yaml'), 'utf8')
    .replace(/^id: .*$/m, `id: ${LAB}`)
    .replace(/^limits: .*$/m, 'limits: { compile_s: 10, run_s: 30, output_bytes: 16777216, program_bytes: 65536 }')
    .replace(/datasets:[\s\S]*$/, '');
  const datasets = ['0', '1', '2'].map((n) => `  - { id: ${n}, name: "dataset ${n}", hidden: false, points: 1 }`).join('\n');
  writeFileSync(join(lab, 'mp.yaml'), `${yaml}datasets:\n${datasets}\n`);
  return mps;
}

jest.setTimeout(180_000);

describe('a worker killed in the middle of a job', () => {
  let platform: TestPlatform;
  const mps = slowLabFolder();

  beforeAll(async () => {
    platform = await startPlatform({ MPS_DIR: mps });
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(mps, { recursive: true, force: true });
  });

  it('loses nothing: another worker runs the job and the attempt gets exactly one result', async () => {
    const student = platform.client();
    expect((await student.post('/signup', { user: `failover_${process.pid}`, pass: 'long enough password' })).status).toBe(201);
    const events = new QueueEvents(TOOLCHAIN_SPECS.cpp.queue, {
      connection: { url: platform.env.REDIS_URL! },
      prefix: platform.env.REDIS_PREFIX,
    });
    await events.waitUntilReady();
    try {
      const active = new Promise<string>((resolve) => events.on('active', ({ jobId }) => resolve(jobId)));
      const submitted = await student.post(`/mp/${LAB}/submit`, { program: slowSolution, dataset: -1 });
      expect(submitted.status).toBe(202);
      expect(await active).toBe(submitted.body.attemptId);

      // The first worker has the job; it dies without a word.
      const first = platform.workers[0];
      const attemptUrl = `/mp/${LAB}/attempt/${submitted.body.attemptId}`;
      const killed = once(first.app.child, 'exit');
      await new Promise((r) => setTimeout(r, 1_500));
      first.app.child.kill('SIGKILL');
      await killed;
      expect((await student.get(attemptUrl)).body.finishedAt).toBeNull();

      await platform.startWorker(`failover-second-${process.pid}`);
      await platform.waitForRun(submitted.body.attemptId, 150_000);

      const attempt = (await student.get(attemptUrl)).body;
      expect(attempt.status).toBe('passed');
      expect(attempt.results).toHaveLength(3);
      expect(attempt.results.every((r: { passed: boolean }) => r.passed)).toBe(true);
      const attempts = (await student.get(`/mp/${LAB}/attempts`)).body;
      expect(attempts).toHaveLength(1);
    } finally {
      await events.close();
    }
  });
});
