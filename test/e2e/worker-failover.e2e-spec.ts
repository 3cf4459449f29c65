import { QUEUE } from '@wb/common';
import { QueueEvents } from 'bullmq';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
/** The reference solution, slowed down so that the worker can be killed in the middle of it. */
const slowSolution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8').replace(
  /int main\(([^)]*)\) \{\n/,
  (m) => `${m}  for (volatile unsigned long spin = 0; spin < 400000000UL; spin = spin + 1) {}\n`,
);

jest.setTimeout(180_000);

describe('a worker killed in the middle of a job', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('loses nothing: another worker runs the job and the attempt gets exactly one result', async () => {
    const student = platform.client();
    expect((await student.post('/signup', { user: `failover_${process.pid}`, pass: 'long enough password' })).status).toBe(201);
    const events = new QueueEvents(QUEUE.runCpu, { connection: { url: platform.env.REDIS_URL! }, prefix: platform.env.REDIS_PREFIX });
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
      expect(attempt.results).toHaveLength(6);
      expect(attempt.results.every((r: { passed: boolean }) => r.passed)).toBe(true);
      const attempts = (await student.get(`/mp/${LAB}/attempts`)).body;
      expect(attempts).toHaveLength(1);
    } finally {
      await events.close();
    }
  });
});
