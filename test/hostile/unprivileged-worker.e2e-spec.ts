import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes';
import { eventually, processesOf } from './support/hygiene';
import { CUDA_PROFILE_CASES, hasNvcc } from './support/cuda-profile-cases';
import { DelegatedCgroups } from './support/delegated-cgroups';
import { loadHostilePrograms, OPENCL_PROGRAMS_DIR } from './support/hostile-programs';

/**
 * The same attack suites, with the worker not root: `deploy/` runs workers as an unprivileged
 * user, where bubblewrap builds a user namespace and the program runs as the worker's own uid.
 * The suites run again in a jest of their own under such a uid (nothing but a home folder of its
 * own), and every case must pass there exactly as it does here, with nothing of that uid left
 * running afterwards.
 */
const WORKER_UID = 3_990_000 + (process.pid % 1000);
const SUITES = ['test/hostile/hostile.e2e-spec.ts', 'test/hostile/opencl-profile.e2e-spec.ts', 'test/hostile/cuda-profile.e2e-spec.ts'];

interface AssertionResult {
  fullName: string;
  status: string;
  failureMessages: string[];
}

jest.setTimeout(600_000);

describe('the hostile programs, worker not root (user namespaces)', () => {
  const home = mkdtempSync(join(tmpdir(), 'wb-unprivileged-worker-'));
  const results = new Map<string, AssertionResult>();
  let log = '';
  let cgroups: DelegatedCgroups;

  beforeAll(async () => {
    chownSync(home, WORKER_UID, WORKER_UID);
    // As systemd's Delegate=yes gives the worker's service: without a cgroup of its own, a worker
    // that is not root refuses to start (its boxes would share one uid's limits).
    cgroups = new DelegatedCgroups(WORKER_UID);
    // The repository is seen through a bind mount under /tmp (a mount namespace of the child's
    // own), so that the unprivileged uid reaches it wherever the checkout lives (under /root, say).
    const view = join(home, 'repo');
    mkdirSync(view);
    const jest = [
      'setpriv',
      `--reuid=${WORKER_UID}`,
      `--regid=${WORKER_UID}`,
      '--clear-groups',
      '--inh-caps=-all',
      process.execPath,
      join(view, 'node_modules', '.bin', 'jest'),
      '--selectProjects',
      'e2e',
      '--runInBand',
      '--runTestsByPath',
      ...SUITES,
      '--json',
      `--outputFile=${join(home, 'results.json')}`,
      `--cacheDirectory=${join(home, 'jest-cache')}`,
    ];
    const child = spawn(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        '--',
        'sh',
        '-c',
        `${cgroups.enter()} && mount --bind "$1" "$2" && cd "$2" && shift 2 && exec "$@"`,
        'sh',
        ROOT,
        view,
        ...jest,
      ],
      { env: { PATH: process.env.PATH, HOME: home, TMPDIR: home, LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
    await once(child, 'close');
    if (!existsSync(join(home, 'results.json'))) throw new Error(`the unprivileged run wrote no results:\n${log.slice(-5000)}`);
    const report = JSON.parse(readFileSync(join(home, 'results.json'), 'utf8')) as {
      testResults: { assertionResults: AssertionResult[] }[];
    };
    for (const suite of report.testResults) for (const a of suite.assertionResults) results.set(a.fullName, a);
  });

  afterAll(() => {
    cgroups?.remove();
    rmSync(home, { recursive: true, force: true });
  });

  const cases = [
    ...loadHostilePrograms().map((p) => `hostile programs ${p.name}`),
    ...(existsSync('/etc/OpenCL/vendors') && readdirSync('/etc/OpenCL/vendors').some((f) => f.endsWith('.icd'))
      ? loadHostilePrograms(OPENCL_PROGRAMS_DIR).map((p) => `the opencl profile (PoCL) ${p.name}`)
      : []),
    ...(hasNvcc() ? CUDA_PROFILE_CASES.map((name) => `the cuda profile (no GPU needed) ${name}`) : []),
  ];

  it.each(cases)('%s', (name) => {
    const result = results.get(name);
    if (!result) throw new Error(`the unprivileged run did not report "${name}":\n${log.slice(-3000)}`);
    expect({ name, status: result.status, why: result.failureMessages.join('\n').slice(0, 3000) }).toEqual({
      name,
      status: 'passed',
      why: '',
    });
  });

  it('runs every case of the suites and leaves nothing of the worker uid running', async () => {
    expect([...results.values()].filter((r) => r.status !== 'passed').map((r) => r.fullName)).toEqual([]);
    expect(results.size).toBeGreaterThanOrEqual(cases.length);
    expect(await eventually(() => processesOf([WORKER_UID], ''))).toEqual([]);
  });
});
