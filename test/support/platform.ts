import { TOOLCHAIN_SPECS } from '@wb/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { HttpClient } from './http-client';
import { AppProcess, freePort, startApp } from './processes';
import { testSandboxUidBase } from './sandbox-uids';

/** Redis database index reserved for tests, away from a developer's running platform (db 0). */
const TEST_REDIS_DB = 5;

export interface TestWorker {
  app: AppProcess;
  /** The worker's own API. */
  url: string;
}

export interface TestPlatform {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  gateway: AppProcess;
  grader: AppProcess | null;
  workers: TestWorker[];
  client: () => HttpClient;
  /** Stops the gateway process (its port stays reserved for {@link startGateway}). */
  stopGateway: () => Promise<void>;
  /** Starts the gateway again on the same port, database and Redis prefix. */
  startGateway: () => Promise<void>;
  /** Resolves when the attempt's run job has finished (BullMQ events, not polling). */
  waitForRun: (attemptId: string, timeoutMs?: number) => Promise<void>;
  startWorker: (name: string, extraEnv?: NodeJS.ProcessEnv) => Promise<TestWorker>;
  stop: () => Promise<void>;
}

export interface PlatformOptions {
  /** Start the grader too (default): `POST /mp/:id/grade` is scored by it. */
  grader?: boolean;
  /** Start a C++ worker (default); without one, the test starts its own with `startWorker`. */
  worker?: boolean;
}

/**
 * The gateway, the grader and a C++ worker as real processes, on their own Postgres database, Redis key
 * prefix and ports, so that test runs never collide with each other or a running platform.
 */
export async function startPlatform(extraEnv: NodeJS.ProcessEnv = {}, options: PlatformOptions = {}): Promise<TestPlatform> {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = `wb_test_${id}`;
  const port = await freePort();
  const workDir = mkdtempSync(join(tmpdir(), 'wb-test-worker-'));
  const redisUrl = `redis://127.0.0.1:6379/${TEST_REDIS_DB}`;
  const prefix = `wbtest_${id}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    GATEWAY_PORT: String(port),
    GATEWAY_URL: `http://127.0.0.1:${port}`,
    WORKER_TOKEN: randomBytes(32).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD: 'admin-password-for-tests',
    WORKER_WORK_DIR: workDir,
    // Every test signs its users up from 127.0.0.1; the signup throttle's own test sets it back.
    SIGNUP_MAX_PER_ADDRESS: '100000',
    // One gateway process, not one per core: the suite runs many platforms side by side.
    GATEWAY_PROCESSES: '1',
    ...extraEnv,
  };

  let gateway = startApp('gateway', env);
  await gateway.waitForLine(/listening on/, 60_000);
  const grader = options.grader === false ? null : startApp('grader', env);
  await grader?.waitForLine(/ready/, 60_000);
  const workers: TestWorker[] = [];
  const connection = { url: env.REDIS_URL! }; // the test's own Redis, when it brought one
  const queue = new Queue(TOOLCHAIN_SPECS.cpp.queue, { connection, prefix });
  const events = new QueueEvents(TOOLCHAIN_SPECS.cpp.queue, { connection, prefix });
  await events.waitUntilReady();

  const startWorker = async (name: string, workerEnv: NodeJS.ProcessEnv = {}) => {
    const workerPort = await freePort();
    const app = startApp('gpu-worker', {
      ...env,
      WORKER_NAME: name,
      WORKER_PORT: String(workerPort),
      WORKER_TOOLCHAINS: 'cpp',
      SANDBOX_UID_BASE: testSandboxUidBase(), // workers sharing a machine need ranges of their own
      ...workerEnv,
    });
    const worker = { app, url: `http://127.0.0.1:${workerPort}` };
    workers.push(worker);
    await app.waitForLine(/API on :/, 30_000); // registration happens before the API listens
    return worker;
  };
  if (options.worker !== false) await startWorker(`test-cpu-${id}`);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    env,
    get gateway() {
      return gateway;
    },
    grader,
    workers,
    stopGateway: () => gateway.stop(),
    startGateway: async () => {
      gateway = startApp('gateway', env);
      await gateway.waitForLine(/listening on/, 60_000);
    },
    client: () => new HttpClient(`http://127.0.0.1:${port}`),
    startWorker,
    waitForRun: async (attemptId, timeoutMs = 30_000) => {
      const job = await Job.fromId(queue, attemptId);
      if (!job) throw new Error(`no run job ${attemptId}`);
      await job.waitUntilFinished(events, timeoutMs);
    },
    stop: async () => {
      await Promise.all([...workers.map((w) => w.app), gateway, ...(grader ? [grader] : [])].map((p) => p.stop()));
      await events.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await dropDatabase(database);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
