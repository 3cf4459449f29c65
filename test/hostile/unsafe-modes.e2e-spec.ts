import { loadConfig } from '@wb/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoxSandbox } from '../../apps/gpu-worker/src/sandbox/box-sandbox';
import { defaultBoxSandboxOptions } from '../../apps/gpu-worker/src/sandbox/box-sandbox-options';
import { BoxCgroups } from '../../apps/gpu-worker/src/sandbox/cgroups/box-cgroups';
import { testSandboxUidBase } from '../support/sandbox-uids';

/**
 * A worker refuses to start where it cannot make its boxes safe, and says why: without cgroups,
 * one that is not root (every box would share its uid's limits) and one that serves CUDA
 * (shared memory escapes RLIMIT_DATA). Run as root and again under an unprivileged uid
 * (unprivileged-worker.e2e-spec.ts), where the answers differ.
 */
describe('sandbox modes the worker refuses', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wb-unsafe-modes-'));
  const config = loadConfig('worker', {
    ...process.env,
    WORKER_WORK_DIR: scratch,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    WORKER_TOKEN: randomBytes(24).toString('hex'),
    SANDBOX_UID_BASE: testSandboxUidBase(),
  });
  const root = process.getuid?.() === 0;
  const noCgroups = () => BoxCgroups.unavailable('this test gives it none');

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses a CUDA worker without cgroups, naming why and what to do', async () => {
    const sandbox = new BoxSandbox({ ...defaultBoxSandboxOptions(config), profiles: ['cuda'] }, noCgroups());
    await expect(sandbox.verify()).rejects.toThrow(root ? /serving CUDA needs cgroups.*RLIMIT_DATA.*delegate a cgroup/ : /not root/);
  });

  it('refuses a worker that is not root without cgroups; a root one serving C++ and OpenCL runs on rlimits', async () => {
    const sandbox = new BoxSandbox({ ...defaultBoxSandboxOptions(config), profiles: ['cpu', 'opencl'] }, noCgroups());
    if (root) await expect(sandbox.verify()).resolves.toBeUndefined();
    else await expect(sandbox.verify()).rejects.toThrow(/not root and has no cgroup.*share its uid.*delegate a cgroup/);
  });

  it('says in its description which limits its boxes get', () => {
    expect(new BoxSandbox(defaultBoxSandboxOptions(config), noCgroups()).description).toMatch(
      /limits: no cgroups \(this test gives it none\)/,
    );
    expect(new BoxSandbox(defaultBoxSandboxOptions(config)).description).toMatch(/limits: cgroup v[12] \(memory, pids/);
  });
});
