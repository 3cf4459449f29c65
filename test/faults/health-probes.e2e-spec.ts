import { QUEUE } from '@wb/common';
import { Queue } from 'bullmq';
import { startNotifier } from '../support/notifier';
import { OwnPostgres, OwnRedis } from '../support/own-servers';
import { startPlatform, TestPlatform, TestWorker } from '../support/platform';
import { AppProcess, freePort } from '../support/processes';

jest.setTimeout(300_000);

interface Probe {
  status: number;
  body: {
    status: string;
    info?: Record<string, { status: string }>;
    error?: Record<string, { status: string; message?: string }>;
    details: Record<string, { status: string; message?: string }>;
    [older: string]: unknown;
  };
}

async function probe(url: string): Promise<Probe> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** Asks until the answer has the expected status (a dependency is noticed on the next probe, a reconnection takes a moment). */
async function probeUntil(url: string, status: number, timeoutMs = 30_000): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe(url);
    if (answer.status === status) return answer;
    if (Date.now() > deadline) throw new Error(`${url} still answers ${answer.status}: ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const UP = { status: 'up' };

/**
 * `/healthz/live` and `/healthz/ready` on every app (the gateway, a worker, and the grader's and
 * notifier's METRICS_PORT), against a Redis and a Postgres of the test's own, killed in turn:
 * readiness follows what each app needs, liveness stays 200, and the gateway's older `/healthz`
 * keeps its fields.
 */
describe('health probes', () => {
  let redis: OwnRedis;
  let postgres: OwnPostgres;
  let platform: TestPlatform;
  let notifier: AppProcess;
  let worker: TestWorker;
  let app: Record<'gateway' | 'worker' | 'grader' | 'notifier', string>;

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([OwnRedis.start(), OwnPostgres.start()]);
    const [graderPort, notifierPort] = [await freePort(), await freePort()];
    platform = await startPlatform({
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url('wb_health'),
      METRICS_PORT: String(graderPort), // the grader's; the gateway and the worker serve their own port
      READY_QUEUE_LAG_MS: '1000',
    });
    notifier = await startNotifier({ ...platform.env, METRICS_PORT: String(notifierPort) });
    worker = platform.workers[0];
    app = {
      gateway: platform.baseUrl,
      worker: worker.url,
      grader: `http://127.0.0.1:${graderPort}`,
      notifier: `http://127.0.0.1:${notifierPort}`,
    };
  });

  afterAll(async () => {
    await notifier?.stop();
    await platform?.stop();
    await Promise.all([redis?.kill(), postgres?.stop()]);
  });

  it('answers ready on every app while Postgres and Redis answer, with what each one checked', async () => {
    for (const url of Object.values(app)) {
      expect(await probe(`${url}/healthz/live`)).toEqual({ status: 200, body: { status: 'ok', info: {}, error: {}, details: {} } });
    }
    const gateway = await probe(`${app.gateway}/healthz/ready`);
    expect(gateway).toMatchObject({ status: 200, body: { status: 'ok', error: {} } });
    expect(Object.keys(gateway.body.details).sort()).toEqual(['postgres', 'redis']);
    expect(gateway.body.details).toMatchObject({ postgres: UP, redis: UP });

    const ready = await probe(`${app.worker}/healthz/ready`);
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ok', details: { redis: UP, worker: UP, queues: { ...UP, oldestWaitMs: { 'run-cpu': 0 } } } },
    });
    expect(ready.body.details.gpu).toBeUndefined(); // a C++ worker has no GPU to check

    for (const [name, queue] of [
      ['grader', 'grade'],
      ['notifier', 'health'],
    ] as const) {
      const answer = await probe(`${app[name]}/healthz/ready`);
      expect(answer).toMatchObject({
        status: 200,
        body: {
          status: 'ok',
          details: { postgres: UP, redis: UP, queues: { status: 'up', oldestWaitMs: { [queue]: expect.any(Number) } } },
        },
      });
    }

    // The older route: readiness, its first fields as they always were.
    const older = await probe(`${app.gateway}/healthz`);
    expect(older.status).toBe(200);
    const checked = { postgres: expect.objectContaining(UP), redis: expect.objectContaining(UP) };
    expect(older.body).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok', info: checked, error: {}, details: checked });
  });

  it('is not ready while Redis is away (every app), and alive all along', async () => {
    await redis.kill();
    try {
      for (const name of ['gateway', 'worker', 'grader', 'notifier'] as const) {
        const answer = await probeUntil(`${app[name]}/healthz/ready`, 503);
        expect(answer.body).toMatchObject({ status: 'error', error: { redis: { status: 'down', message: expect.any(String) } } });
        expect((await probe(`${app[name]}/healthz/live`)).status).toBe(200);
      }
      const older = await probe(`${app.gateway}/healthz`);
      expect(older.status).toBe(503);
      expect(older.body).toMatchObject({ status: 'unavailable', postgres: 'ok', redis: expect.not.stringMatching(/^ok$/) });
    } finally {
      await redis.restart();
    }
    for (const url of Object.values(app)) await probeUntil(`${url}/healthz/ready`, 200);
  });

  it('is not ready while Postgres is away, except the worker, which does not use it', async () => {
    await postgres.kill();
    try {
      for (const name of ['gateway', 'grader', 'notifier'] as const) {
        const answer = await probeUntil(`${app[name]}/healthz/ready`, 503);
        expect(answer.body).toMatchObject({ status: 'error', error: { postgres: { status: 'down' } }, details: { redis: UP } });
        expect((await probe(`${app[name]}/healthz/live`)).status).toBe(200);
      }
      expect((await probe(`${app.worker}/healthz/ready`)).status).toBe(200);
      const older = await probe(`${app.gateway}/healthz`);
      expect(older).toMatchObject({
        status: 503,
        body: { status: 'unavailable', postgres: expect.not.stringMatching(/^ok$/), redis: 'ok' },
      });
    } finally {
      await postgres.restart();
    }
    for (const url of Object.values(app)) await probeUntil(`${url}/healthz/ready`, 200);
  });

  it('is not ready while a queue it consumes falls behind READY_QUEUE_LAG_MS', async () => {
    const grade = new Queue(QUEUE.grade, { connection: { url: redis.url }, prefix: platform.env.REDIS_PREFIX });
    try {
      await grade.pause(); // the grader takes nothing: the job waits
      const job = await grade.add('grade', { attemptId: '00000000-0000-4000-8000-000000000000' });
      const behind = await probeUntil(`${app.grader}/healthz/ready`, 503, 10_000);
      expect(behind.body).toMatchObject({
        status: 'error',
        error: { queues: { status: 'down', message: expect.stringMatching(/grade \d+ s/) } },
        details: { postgres: UP, redis: UP },
      });
      expect((await probe(`${app.grader}/healthz/live`)).status).toBe(200);
      await job.remove();
      await probeUntil(`${app.grader}/healthz/ready`, 200);
    } finally {
      await grade.resume();
      await grade.close();
    }
  });

  it("checks a GPU worker's GPU with its probe, and is not ready while it fails", async () => {
    const gpu = await platform.startWorker(`health-gpu-${process.pid}`, { GPU_PROBE_COMMAND: 'echo "no device found" >&2; exit 3' });
    const answer = await probeUntil(`${gpu.url}/healthz/ready`, 503);
    expect(answer.body).toMatchObject({
      status: 'error',
      error: { gpu: { status: 'down', message: expect.stringMatching(/exit|Command failed/) } },
      details: { redis: UP },
    });
    expect((await probe(`${gpu.url}/healthz/live`)).status).toBe(200);
  });
});
