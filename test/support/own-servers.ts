import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes';

/** Resolves when `child` printed a line matching `pattern` (stdout or stderr). */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) done();
    };
    const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      if (error) reject(error);
      else resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

function killed(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * A redis-server of the test's own on a free port, keeping nothing on disk (as the machine's
 * Redis and many managed ones): killed with SIGKILL and started again, it comes back empty.
 */
export class OwnRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async restart(): Promise<void> {
    await killed(this.child);
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(this.child, /Ready to accept connections/, 10_000);
  }

  kill(): Promise<void> {
    return killed(this.child);
  }
}

function postgresBin(name: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse() : [];
    const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/${name}`).find((p) => existsSync(p));
    if (!found) throw new Error(`${name} is not on this machine (Postgres server binaries are needed for the fault tests)`);
    return found;
  }
}

/** Postgres refuses to run as root: as root, the cluster belongs to and runs as the `postgres` user. */
function postgresIdentity(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

/** A Postgres cluster of the test's own (initdb) on a free port, trust auth, to kill and start again. */
export class OwnPostgres {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'wb-own-postgres-'));
    const identity = postgresIdentity();
    if (identity.uid !== undefined) chownSync(dir, identity.uid, identity.gid!);
    execFileSync(postgresBin('initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'], {
      stdio: 'pipe',
      cwd: dir,
      ...identity,
    });
    const postgres = new OwnPostgres(await freePort(), dir);
    await postgres.restart();
    return postgres;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async restart(): Promise<void> {
    await killed(this.child);
    const args = [
      '-D',
      join(this.dataDir, 'data'),
      '-p',
      String(this.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${this.dataDir}`,
      '-c',
      'fsync=off',
    ];
    this.child = spawn(postgresBin('postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dataDir, ...postgresIdentity() });
    await waitForOutput(this.child, /ready to accept connections/, 30_000);
  }

  /** SIGKILL to the postmaster (as a crash would); its backends notice and end. */
  kill(): Promise<void> {
    return killed(this.child);
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
