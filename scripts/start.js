'use strict';
// `npm start`: the whole platform on this machine. Installs and builds what is missing, checks
// Postgres and Redis, starts the gateway (which migrates the database and loads the labs, and
// serves with one process per core unless GATEWAY_PROCESSES says otherwise), then the grader,
// the notifier, a CPU worker and, where a GPU is present, a GPU worker.
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');
const { ensureSystemPackages, ensureInstalled, ensureBuilt, appEntry, ROOT } = require('./lib');

const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV || 'development',
  // The apps write to a pipe (each line gets its name below), where they would choose JSON: text
  // for a person at a terminal, JSON when this output itself goes to a file or a collector.
  LOG_FORMAT: process.env.LOG_FORMAT || (process.stdout.isTTY ? 'text' : 'json'),
};
const gatewayPort = Number(env.GATEWAY_PORT || 8080);
const children = new Map();
let stopping = false;

function reachable(url, fallbackPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || fallbackPort), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function checkServices() {
  const pg = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/wb';
  const redis = env.REDIS_URL || 'redis://127.0.0.1:6379';
  const problems = [];
  if (!(await reachable(pg, 5432)))
    problems.push(`PostgreSQL does not answer at ${pg}: start it (e.g. pg_ctlcluster 15 main start) or set DATABASE_URL`);
  if (!(await reachable(redis, 6379)))
    problems.push(`Redis does not answer at ${redis}: start it (e.g. redis-server --daemonize yes) or set REDIS_URL`);
  if (problems.length) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
}

function startApp(name, app, extraEnv = {}) {
  const child = spawn(process.execPath, ['--enable-source-maps', appEntry(app)], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the platform`);
      stop(1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
  children.set(name, child);
  return child;
}

/**
 * Each app stops by itself within its own deadline (a worker lets its running jobs finish for
 * up to WORKER_STOP_DEADLINE_MS, then hands them back to the queue); past this backstop whatever
 * is still running is killed, so Ctrl-C never leaves a process behind.
 */
const STOP_BACKSTOP_MS = (Number(env.WORKER_STOP_DEADLINE_MS) || 300_000) + 20_000;

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
  setTimeout(() => {
    for (const [name, child] of children) {
      console.error(`${name} did not stop in time; killing it`);
      child.kill('SIGKILL');
    }
  }, STOP_BACKSTOP_MS).unref();
}

async function waitForGateway() {
  const url = `http://127.0.0.1:${gatewayPort}/healthz`;
  for (let i = 0; i < 120 && !stopping; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the gateway did not become healthy at ${url}`);
}

function gpuPresent() {
  const result = spawnSync('nvidia-smi', ['-L'], { encoding: 'utf8' });
  return result.status === 0 && /GPU \d/.test(result.stdout);
}

async function main() {
  ensureSystemPackages();
  ensureInstalled();
  ensureBuilt();
  await checkServices();
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  // `npm start` killed by a signal that only reached npm (a supervisor, `timeout`): notice the
  // orphaning and take the apps down rather than leave them holding the ports.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(0), 1000).unref();

  startApp('gateway', 'gateway');
  await waitForGateway();
  // Each serves GET /metrics on a port of its own (the gateway and workers on theirs).
  startApp('grader', 'grader', { METRICS_PORT: '9464' });
  startApp('notifier', 'notifier', { METRICS_PORT: '9465' });
  startApp('cpu-worker', 'gpu-worker', {
    WORKER_NAME: env.WORKER_NAME || 'local-cpu',
    WORKER_PORT: '8090',
    WORKER_TOOLCHAINS: 'cpu', // every CPU toolchain the worker detects here
  });
  // Two workers on one machine: the GPU worker's sandbox uids start past the CPU worker's.
  const gpuUidBase = String(Number(env.SANDBOX_UID_BASE || 3_000_000) + 1_000);
  if (gpuPresent())
    startApp('gpu-worker', 'gpu-worker', {
      WORKER_NAME: 'local-gpu',
      WORKER_PORT: '8091',
      WORKER_TOOLCHAINS: 'gpu',
      SANDBOX_UID_BASE: gpuUidBase,
    });
  else console.log('no GPU here: CUDA labs wait for a GPU worker; the CPU labs run on the CPU worker');
  console.log(`wb is up: http://localhost:${gatewayPort}  (Ctrl-C stops everything)`);
}

main().catch((err) => {
  console.error(err.message);
  stop(1);
});
