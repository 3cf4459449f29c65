import { HEALTH_SCHEDULER_ID, QUEUE } from '@wb/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
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

jest.setTimeout(300_000);

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
      // It was gone with the data, and a replica put it back (its log line may reach this test a
      // moment after the scheduler reached Redis).
      await notifier.waitForLine(/the health job scheduler was gone from Redis \(.*\): created again/, 10_000);

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

  describe('under load, each of Redis, Postgres, the gateway and a worker killed in turn', () => {
    const STUDENTS = 8;
    /** The one CPU worker runs about one a second here: enough to cross every fault, few enough to drain. */
    const ATTEMPTS_PER_STUDENT = 5;
    let redis: OwnRedis;
    let postgres: OwnPostgres;
    let sink: SmtpSink;
    let platform: TestPlatform;
    let notifier: AppProcess;

    beforeAll(async () => {
      [redis, postgres] = await Promise.all([OwnRedis.start(), OwnPostgres.start()]);
      sink = smtpSink(await freePort());
      await sink.start();
      platform = await startPlatform({
        REDIS_URL: redis.url,
        DATABASE_URL: postgres.url('wb_load_faults'),
        ...fastHealthEnv(sink.url),
        STRANDED_ATTEMPT_AFTER_MS: '2000',
        SUBMIT_INTERVAL_MS: '300',
      });
      notifier = await startNotifier(platform.env);
    });

    afterAll(async () => {
      if (process.env.WB_TEST_DEBUG) console.log(notifier?.log());
      await notifier?.stop();
      await platform?.stop();
      await sink?.stop();
      await Promise.all([redis?.kill(), postgres?.stop()]);
    });

    /** What one student sent and what the platform acknowledged. */
    interface Ledger {
      student: HttpClient;
      /** Every text sent to save (or submitted, which saves it too), in order, and the index of the last one acknowledged. */
      sent: string[];
      lastAcknowledged: number;
      /** Attempts answered 202. */
      attempts: string[];
    }

    it('loses no acknowledged save, ends every attempt exactly once, and probes again after each fault', async () => {
      const ledgers: Ledger[] = [];
      for (let i = 0; i < STUDENTS; i++) {
        const { student } = await newStudent(platform, `load${i}`);
        ledgers.push({ student, sent: [], lastAcknowledged: -1, attempts: [] });
      }
      let running = true;
      let lastSaveOk = Date.now();
      /** An answer the load must never get, with what the gateway logged about it. */
      const unexpected = (what: string, res: { status: number; text: string }) =>
        new Error(`${what} answered ${res.status}: ${res.text}\n--- gateway\n${platform.gateway.log().slice(-4000)}`);
      // Each student saves in a loop and now and then submits, answers or no answers.
      const load = ledgers.map(async (ledger, s) => {
        for (let n = 0; running; n++) {
          const text = `${program}\n// student ${s}, save ${n}\n`;
          ledger.sent.push(text);
          const saved = await ledger.student.post(`/mp/${LAB}/save`, { program: text }).catch(() => null);
          if (saved?.status === 200) {
            ledger.lastAcknowledged = ledger.sent.length - 1;
            lastSaveOk = Date.now();
          } else if (saved && saved.status !== 503) throw unexpected('a save', saved);
          if (n % 10 === 0 && ledger.attempts.length < ATTEMPTS_PER_STUDENT) {
            // A submission saves its program too.
            const submitted = `${program}\n// student ${s}, run ${n}\n`;
            ledger.sent.push(submitted);
            const run = await ledger.student.post(`/mp/${LAB}/submit`, { program: submitted, dataset: 0 }).catch(() => null);
            if (run?.status === 202) {
              ledger.attempts.push(run.body.attemptId);
              ledger.lastAcknowledged = ledger.sent.length - 1;
            } else if (run && ![429, 503].includes(run.status)) throw unexpected('a submission', run);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      });

      /** From a restart to the first save acknowledged after it. */
      const recovery: [string, number][] = [];
      async function fault(name: string, inject: () => Promise<void>): Promise<void> {
        await new Promise((r) => setTimeout(r, 1500)); // the load runs a while first
        await inject();
        const restartedAt = Date.now();
        await until(`a save acknowledged after ${name}`, async () => lastSaveOk > restartedAt, 60_000);
        recovery.push([name, lastSaveOk - restartedAt]);
      }
      await fault('Redis killed, restarted empty', async () => {
        await redis.kill();
        await redis.restart();
      });
      await fault('Postgres killed, restarted', async () => {
        await postgres.kill();
        await new Promise((r) => setTimeout(r, 1000));
        await postgres.restart();
      });
      await fault('gateway killed, restarted', async () => {
        await platform.gateway.stop('SIGKILL');
        await platform.startGateway();
      });
      await fault('worker killed, another started', async () => {
        await platform.workers[0].app.stop('SIGKILL');
        await platform.startWorker(`load-faults-${process.pid}`);
      });
      const faultsEndedAt = Date.now();
      await new Promise((r) => setTimeout(r, 1500));
      running = false;
      await Promise.all(load);

      // Every acknowledged save is there: the last one, or a later one whose answer was lost.
      for (const ledger of ledgers) {
        expect(ledger.lastAcknowledged).toBeGreaterThanOrEqual(0);
        const stored = (await ledger.student.get(`/mp/${LAB}/program`)).body.program as string;
        expect(ledger.sent.indexOf(stored)).toBeGreaterThanOrEqual(ledger.lastAcknowledged);
      }
      // Every acknowledged attempt ends, once: a stalled job is taken over, a lost one queued again.
      const acknowledged = ledgers.flatMap((l) => l.attempts.map((id) => ({ student: l.student, id })));
      expect(acknowledged.length).toBeGreaterThan(0);
      const unfinished = async () => {
        const left = [];
        for (const { student, id } of acknowledged) {
          const attempt = (await student.get(`/mp/${LAB}/attempt/${id}`)).body;
          if (!attempt?.finishedAt) left.push({ id, status: attempt?.status, createdAt: attempt?.createdAt });
        }
        return left;
      };
      const finishedBy = await until(
        'every acknowledged attempt finished',
        async () => (await unfinished()).length === 0 && Date.now(),
        120_000,
      ).catch(async (error: Error) => {
        throw new Error(
          `${error.message}: ${(await unfinished()).length} left\n--- worker\n${platform.workers[platform.workers.length - 1].app.log().slice(-5000)}`,
        );
      });
      for (const ledger of ledgers) {
        const listed = ((await ledger.student.get(`/mp/${LAB}/attempts`)).body as { id: string; status: string }[]).filter((a) =>
          ledger.attempts.includes(a.id),
        );
        expect(listed.map((a) => a.id).sort()).toEqual([...ledger.attempts].sort()); // each once
        for (const attempt of listed) expect(attempt.status).toBe('passed');
      }
      // The notifier probes again: a probe of the new worker recorded after the last fault.
      const db = new Client({ connectionString: platform.env.DATABASE_URL });
      await db.connect();
      try {
        await until(
          'a health probe after the faults',
          async () => (await db.query(`SELECT 1 FROM worker_probes WHERE at > $1 AND ok LIMIT 1`, [new Date(faultsEndedAt)])).rowCount,
          30_000,
        );
      } finally {
        await db.end();
      }
      const saves = ledgers.reduce((n, l) => n + l.lastAcknowledged + 1, 0);
      process.stdout.write(
        `\nunder load (${STUDENTS} students): ${recovery.map(([name, ms]) => `${name}: saves again after ${ms} ms`).join('; ')}; ` +
          `${saves} saves sent up to the last acknowledged one, 0 acknowledged lost; ${acknowledged.length} attempts acknowledged, ` +
          `all finished once (the last ${finishedBy - faultsEndedAt} ms after the last fault)\n`,
      );
    });
  });
});
