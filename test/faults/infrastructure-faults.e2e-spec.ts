import { HEALTH_SCHEDULER_ID, QUEUE } from '@wb/common';
import { Queue } from 'bullmq';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastHealthEnv } from '../support/health-env';
import { HttpClient } from '../support/http-client';
import { startNotifier } from '../support/notifier';
import { OwnPostgres, OwnRedis } from '../support/own-servers';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort, ROOT } from '../support/processes';
import { SmtpSink, smtpSink } from '../support/smtp-sink';
import { runWb } from '../support/wb';

jest.setTimeout(240_000);

const LAB = 'vector-add-cpp';
const program = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A student with an API key, as the wb client and scripts use it. */
async function newStudent(platform: TestPlatform, name: string): Promise<{ student: HttpClient; apiKey: string }> {
  const session = platform.client();
  expect((await session.post('/signup', { user: `${name}_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
  const apiKey = (await session.get('/whoami')).body.apiKey as string;
  return { student: platform.client().withHeaders({ authorization: `Bearer ${apiKey}` }), apiKey };
}

/**
 * The platform's own infrastructure failing under it, with a Redis and a Postgres of the test's
 * own to kill with SIGKILL: nothing acknowledged is lost, nothing stays stuck, and clients are
 * told to come back (503 with Retry-After) rather than given a 500.
 */
describe('infrastructure faults', () => {
  describe('Redis killed and started again empty', () => {
    let redis: OwnRedis;
    let sink: SmtpSink;
    let platform: TestPlatform;
    let notifier: AppProcess;
    let health: Queue;

    beforeAll(async () => {
      redis = await OwnRedis.start();
      sink = smtpSink(await freePort());
      await sink.start();
      platform = await startPlatform({ REDIS_URL: redis.url, ...fastHealthEnv(sink.url), STRANDED_ATTEMPT_AFTER_MS: '2000' });
      notifier = await startNotifier(platform.env);
      health = new Queue(QUEUE.health, { connection: { url: redis.url }, prefix: platform.env.REDIS_PREFIX });
    });

    afterAll(async () => {
      if (process.env.WB_TEST_DEBUG) console.log(notifier?.log());
      await health?.close();
      await notifier?.stop();
      await platform?.stop();
      await sink?.stop();
      await redis?.kill();
    });

    it('loses no saved program, signs nobody out, finishes an attempt whose job was lost, and probes again', async () => {
      const { student } = await newStudent(platform, 'redisloss');
      const browser = platform.client();
      expect((await browser.post('/signup', { user: `redislossweb_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
      let acknowledged = 0;
      for (let i = 1; i <= 5; i++) {
        const saved = await student.post(`/mp/${LAB}/save`, { program: `${program}\n// revision ${i}\n` });
        expect(saved.status).toBe(200);
        acknowledged = i;
      }
      // The worker is away, so the run's job waits in Redis when Redis goes.
      await platform.workers[0].app.stop();
      const run = await student.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
      expect(run.status).toBe(202);
      await until('the health scheduler', () => health.getJobScheduler(HEALTH_SCHEDULER_ID), 10_000);

      await redis.kill();
      const restartedAt = Date.now();
      await redis.restart();
      await until('the health scheduler back in Redis', () => health.getJobScheduler(HEALTH_SCHEDULER_ID), 30_000);
      const schedulerBackMs = Date.now() - restartedAt;
      // It was gone with the data, and a replica put it back.
      expect(notifier.log()).toMatch(/the health job scheduler was gone from Redis \(.*\): created again/);

      // Saves with an API key go on (Postgres holds them; the limiter state in Redis is gone, not needed).
      const saved = await until(
        'a save after the restart',
        async () => {
          const res = await student.post(`/mp/${LAB}/save`, { program: `${program}\n// revision ${acknowledged + 1}\n` });
          return res.status === 200 ? res : null;
        },
        10_000,
      );
      expect(saved.status).toBe(200);
      acknowledged += 1;
      expect((await student.get(`/mp/${LAB}/program`)).body.program).toContain(`// revision ${acknowledged}\n`);
      // The browser's session outlived Redis's data (Postgres keeps it; Redis only caches it).
      const whoami = await browser.get('/whoami');
      expect({ status: whoami.status, user: whoami.body?.username }).toEqual({ status: 200, user: `redislossweb_${process.pid}` });

      // A worker comes back: the notifier's sweep finds the attempt without a job and queues it again.
      await platform.startWorker(`redisloss-${process.pid}`);
      const finished = await until(
        'the attempt whose job was lost',
        async () => {
          const attempt = (await student.get(`/mp/${LAB}/attempt/${run.body.attemptId}`)).body;
          return attempt?.finishedAt ? attempt : null;
        },
        60_000,
      );
      const attemptBackMs = Date.now() - restartedAt;
      expect(finished.status).toBe('passed');
      const attempts = (await student.get(`/mp/${LAB}/attempts`)).body as { id: string }[];
      expect(attempts.filter((a) => a.id === run.body.attemptId)).toHaveLength(1);
      process.stdout.write(
        `\nRedis lost: health scheduler back after ${schedulerBackMs} ms, the stranded attempt finished ${attemptBackMs} ms after the restart; ${acknowledged} saves acknowledged, 0 lost\n`,
      );
    });
  });

  describe('Postgres killed and started again', () => {
    let postgres: OwnPostgres;
    let platform: TestPlatform;

    const scratch = mkdtempSync(join(tmpdir(), 'wb-faults-'));

    beforeAll(async () => {
      postgres = await OwnPostgres.start();
      platform = await startPlatform({ DATABASE_URL: postgres.url('wb_faults') }, { worker: false, grader: false });
    });

    afterAll(async () => {
      await platform?.stop();
      await postgres?.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('answers 503 with Retry-After while it is down, then serves every acknowledged save', async () => {
      const browser = platform.client();
      expect((await browser.post('/signup', { user: `pgdownweb_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
      const { student, apiKey } = await newStudent(platform, 'pgdown');
      expect((await student.post(`/mp/${LAB}/save`, { program: `${program}\n// before\n` })).status).toBe(200);
      // The same student on their own machine, with the wb client.
      const home = join(scratch, 'home');
      const work = join(scratch, 'work');
      mkdirSync(home, { recursive: true });
      mkdirSync(work, { recursive: true });
      expect((await runWb(['login', '--server', platform.baseUrl, '--key', apiKey], home, work)).status).toBe(0);
      expect((await runWb(['pull', LAB], home, work)).status).toBe(0);

      await postgres.kill();
      const killedAt = Date.now();
      for (const res of [
        await student.post(`/mp/${LAB}/save`, { program: `${program}\n// during\n` }),
        await student.get(`/mp/${LAB}/program`),
        await student.post(`/mp/${LAB}/submit`, { program, dataset: 0 }),
        await student.get('/whoami'),
      ]) {
        expect({ status: res.status, retryAfter: res.headers.get('retry-after'), error: res.body?.error }).toEqual({
          status: 503,
          retryAfter: '5',
          error: expect.stringMatching(/cannot reach its database for a moment; try again shortly/),
        });
      }
      const page = await browser.get('/', { accept: 'text/html' });
      expect(page.status).toBe(503);
      expect(page.text).toContain('cannot reach its database for a moment');
      const outageMs = Date.now() - killedAt;

      // The wb client, told 503 with Retry-After, waits and asks again; Postgres comes back meanwhile.
      writeFileSync(join(work, LAB, 'program.cpp'), `${program}\n// saved by wb across the outage\n`);
      const wbSave = runWb(['save', LAB], home, work);
      await new Promise((r) => setTimeout(r, 1500));

      await postgres.restart();
      const restartedAt = Date.now();
      await until('an answer after the restart', async () => (await student.get(`/mp/${LAB}/program`)).status === 200, 30_000);
      const recoveredMs = Date.now() - restartedAt;
      const saved = await wbSave;
      expect({ status: saved.status, stderr: saved.stderr }).toEqual({
        status: 0,
        stderr: expect.stringContaining('the server is unavailable for a moment (503); trying again in 5 s'),
      });
      expect((await student.get(`/mp/${LAB}/program`)).body.program).toContain('// saved by wb across the outage\n');
      expect((await student.get(`/mp/${LAB}/attempts`)).status).toBe(200);
      process.stdout.write(
        `\nPostgres down ${outageMs} ms (every request a 503 with Retry-After); answering again ${recoveredMs} ms after the restart; wb's save went through on its own\n`,
      );
    });
  });
});
