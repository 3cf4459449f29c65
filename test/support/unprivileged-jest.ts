import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelegatedCgroups } from './delegated-cgroups';
import { ROOT } from './processes';

export interface AssertionResult {
  fullName: string;
  status: string;
  failureMessages: string[];
}

export interface UnprivilegedRun {
  /** Each test's result by its full name. */
  results: Map<string, AssertionResult>;
  /** What the run printed, for a failure's message. */
  log: string;
  /** The files the caller asked for, read from the run's home before it is removed. */
  files: Record<string, string>;
}

/**
 * Runs test files in a jest of their own under `uid`, as `deploy/` runs a worker: not root, with a
 * home folder of its own and a delegated cgroup (as systemd's Delegate=yes gives the worker's
 * service). The repository is seen through a bind mount under /tmp in a mount namespace of the
 * child's own, so that the uid reaches it wherever the checkout lives (under /root, say).
 * `env` gets the home folder, for paths the tests write to; `keep` names files in it to return.
 */
export async function unprivilegedJest(
  uid: number,
  jestArgs: string[],
  env: (home: string) => Record<string, string> = () => ({}),
  keep: string[] = [],
): Promise<UnprivilegedRun> {
  const home = mkdtempSync(join(tmpdir(), 'wb-unprivileged-'));
  const cgroups = new DelegatedCgroups(uid);
  let log = '';
  try {
    chownSync(home, uid, uid);
    const view = join(home, 'repo');
    mkdirSync(view);
    const jest = [
      'setpriv',
      `--reuid=${uid}`,
      `--regid=${uid}`,
      '--clear-groups',
      '--inh-caps=-all',
      process.execPath,
      join(view, 'node_modules', '.bin', 'jest'),
      ...jestArgs,
      '--json',
      `--outputFile=${join(home, 'results.json')}`,
      `--cacheDirectory=${join(home, 'jest-cache')}`,
    ];
    const script = `${cgroups.enter()} && mount --bind "$1" "$2" && cd "$2" && shift 2 && exec "$@"`;
    const child = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', ROOT, view, ...jest], {
      env: { PATH: process.env.PATH, HOME: home, TMPDIR: home, LANG: 'C.UTF-8', ...env(home) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
    await once(child, 'close');
    if (!existsSync(join(home, 'results.json'))) throw new Error(`the unprivileged run wrote no results:\n${log.slice(-5000)}`);
    const report = JSON.parse(readFileSync(join(home, 'results.json'), 'utf8')) as {
      testResults: { assertionResults: AssertionResult[] }[];
    };
    const results = new Map<string, AssertionResult>();
    for (const suite of report.testResults) for (const a of suite.assertionResults) results.set(a.fullName, a);
    const files = Object.fromEntries(keep.filter((f) => existsSync(join(home, f))).map((f) => [f, readFileSync(join(home, f), 'utf8')]));
    return { results, log, files };
  } finally {
    cgroups.remove();
    rmSync(home, { recursive: true, force: true });
  }
}
