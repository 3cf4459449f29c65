import { boxLaunch, BoxRequest, boxRequest, BoxShape, FIRST_CGROUP_FD, REQUEST_FD, STATUS_FD } from './box-command';
import { profileMounts } from './box-layout';
import { defaultBoxSandboxOptions } from './box-sandbox-options';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const options = defaultBoxSandboxOptions({
  rootDir: '/srv/wb',
  libwbPath: '/srv/wb/libs/libwb',
  SANDBOX_UID_BASE: 3_000_000,
  SANDBOX_UID_COUNT: 8,
  WORKER_WORK_DIR: '/work',
});

const request = (change: Partial<BoxRequest> = {}): BoxRequest => ({
  profile: 'cpu',
  spec: {
    command: '/work/run-1/program',
    args: ['-i', '/srv/wb/mps/lab/datasets/0/input0.raw', '-o', '/work/run-1/dataset-0/output.raw'],
    cwd: '/work/run-1/dataset-0',
    env: { PATH: '/usr/bin:/bin', WB_REPORT_FILE: '/work/run-1/dataset-0/wb-report.json', UNSET: undefined },
    timeoutMs: 3000,
    outputCapBytes: 1024,
  },
  limits: options.run.cpu,
  readOnly: ['/work/run-1/program', '/srv/wb/mps/lab/datasets/0/input0.raw'],
  readWrite: [],
  identity: { uid: 65534, gid: 65534 },
  allowExec: [],
  scratchMb: 5,
  ...change,
});

/** A compile: the host folder bound read-write, no capped folder of the box's own. */
const compileRequest = (change: Partial<BoxRequest> = {}) =>
  request({ profile: 'compile', limits: options.compile, readWrite: ['/work/run-1/dataset-0'], scratchMb: 0, ...change });

/** The arguments that follow `flag`, `width` at a time, wherever it appears. */
function after(args: string[], flag: string, width = 2): string[][] {
  return args.flatMap((a, i) => (a === flag ? [args.slice(i + 1, i + 1 + width)] : []));
}

const shape = (change: Partial<BoxShape> = {}): BoxShape => ({
  profile: 'cpu',
  limits: options.run.cpu,
  userNamespace: false,
  cgroups: 0,
  ...change,
});
/** The whole command line a run's launcher ends up with: what it starts with, then its request. */
const whole = (req: BoxRequest, change: Partial<BoxShape> = {}) => [
  ...boxLaunch(options, shape({ profile: req.profile, limits: req.limits, userNamespace: req.identity === null, ...change })),
  ...boxRequest(req),
];

describe('boxLaunch and boxRequest', () => {
  it('starts the launcher on the box root with the pipes and cgroups it is handed, and nothing of any run', () => {
    const args = boxLaunch(options, shape({ cgroups: 2 }));
    expect(after(args, '--root', 1)).toEqual([['/work/box-root']]);
    expect(after(args, '--status-fd', 1)).toEqual([[String(STATUS_FD)]]);
    expect(after(args, '--request-fd', 1)).toEqual([[String(REQUEST_FD)]]);
    expect(after(args, '--cgroup-fd', 1)).toEqual([[String(FIRST_CGROUP_FD)], [String(FIRST_CGROUP_FD + 1)]]);
    expect(after(args, '--profile', 1)).toEqual([['cpu']]);
    expect(after(args, '--inodes', 1)).toEqual([['1024']]);
    expect(args).not.toContain('--');
    expect(args.join(' ')).not.toMatch(/run-1|--uid|--chdir/);
  });

  it('ends the request with the program and its own arguments', () => {
    const args = boxRequest(request());
    expect(args.slice(args.indexOf('--') + 1)).toEqual([
      '/work/run-1/program',
      '-i',
      '/srv/wb/mps/lab/datasets/0/input0.raw',
      '-o',
      '/work/run-1/dataset-0/output.raw',
    ]);
  });

  it('gives each box a uid of its own, and no user namespace, when the worker is root', () => {
    for (const req of [request(), compileRequest()]) {
      const args = whole(req);
      expect(args).not.toContain('--user-namespace');
      expect(after(args, '--uid', 1)).toEqual([['65534']]);
      expect(after(args, '--gid', 1)).toEqual([['65534']]);
    }
  });

  it('uses a user namespace, and no uid change, when the worker is not root', () => {
    for (const req of [request({ identity: null }), compileRequest({ identity: null })]) {
      const args = whole(req);
      expect(args).toContain('--user-namespace');
      expect(args).not.toContain('--uid');
    }
  });

  it('gives the box no terminal devices: a /dev of its own with five devices and no devpts', () => {
    const args = whole(request());
    expect(args).not.toContain('--dev');
    expect(after(args, '--dev-bind').map(([source]) => source)).toEqual([
      '/dev/null',
      '/dev/zero',
      '/dev/full',
      '/dev/random',
      '/dev/urandom',
    ]);
  });

  it('passes only the spec variables (set ones), with HOME and TMPDIR in the box', () => {
    const env = Object.fromEntries(after(boxRequest(request()), '--setenv', 2));
    expect(env).toEqual({ HOME: '/tmp', TMPDIR: '/tmp', PATH: '/usr/bin:/bin', WB_REPORT_FILE: '/work/run-1/dataset-0/wb-report.json' });
  });

  it('binds the binary and inputs read-only and none of the host folder a run writes in, nothing else of the run', () => {
    const args = whole(request());
    expect(after(args, '--bind')).toEqual([]);
    expect(after(whole(compileRequest()), '--bind')).toEqual([['/work/run-1/dataset-0', '/work/run-1/dataset-0']]);
    expect(after(args, '--ro-bind')).toEqual(
      expect.arrayContaining([
        ['/usr', '/usr'],
        ['/work/run-1/program', '/work/run-1/program'],
        ['/srv/wb/mps/lab/datasets/0/input0.raw', '/srv/wb/mps/lab/datasets/0/input0.raw'],
      ]),
    );
    // The launcher makes the box from outside: it is not in it.
    expect(after(args, '--ro-bind').map(([source]) => source)).not.toContain(options.launcherPath);
    // Never the dataset folder itself (the box only gets an empty folder of that name to hold
    // the input files): the expected output lies there.
    const sources = [...after(args, '--bind'), ...after(args, '--ro-bind'), ...after(args, '--ro-bind-try')].map(([source]) => source);
    expect(sources).not.toContain('/srv/wb/mps/lab/datasets/0');
  });

  it('creates the folders above the bound paths traversable, and none inside a bound path', () => {
    const dirs = after(boxRequest(request()), '--dir', 1).flat();
    expect(dirs).toEqual(expect.arrayContaining(['/work', '/work/run-1', '/srv/wb/mps/lab/datasets/0']));
    // The folder a run writes in is made (the launcher mounts its capped tmpfs there), nothing in it.
    expect(dirs.filter((d) => d.startsWith('/work/run-1/dataset-0'))).toEqual(['/work/run-1/dataset-0']);
  });

  it('refuses to hide a bound file under the folder the box replaces', () => {
    expect(() => boxRequest(request({ readOnly: ['/work/run-1/dataset-0/program'] }))).toThrow(/inside the program's folder/);
  });

  it("gives the launcher the run's folder, limits and identity, after sealing the root read-only", () => {
    const args = boxRequest(request());
    const launcher = args.slice(args.lastIndexOf('/') + 1, args.indexOf('--setenv'));
    expect(args[args.lastIndexOf('/') - 1]).toBe('--remount-ro');
    // prettier-ignore
    const expected = [
      '--chdir', '/work/run-1/dataset-0', '--cpu-s', '4',
      '--uid', '65534', '--gid', '65534',
      '--as-mb', '1024', '--fsize-mb', '64', '--nofile', '64', '--nproc', '64', '--stack-mb', '8',
      // The host folder the launcher copies the program's files into, and the capped one it works in.
      '--scratch-mb', '5', '--export-dir', '/work/run-1/dataset-0',
    ];
    expect(launcher).toEqual(expected);
  });

  it('lets an opencl run start the linker, and a compile run without a filter and without file caps', () => {
    const opencl = request({ profile: 'opencl', limits: options.run.opencl, allowExec: ['/usr/bin/ld'] });
    expect(after(boxRequest(opencl), '--allow-exec', 1)).toEqual([['/usr/bin/ld']]);
    expect(after(whole(opencl), '--ro-bind-try')).toEqual(expect.arrayContaining([['/sys/devices/system/cpu', '/sys/devices/system/cpu']]));
    const compile = whole(compileRequest());
    expect(after(compile, '--profile', 1)).toEqual([['compile']]);
    expect(compile).not.toContain('--scratch-mb');
    expect(compile).not.toContain('--inodes');
  });

  it('bounds a cuda run by RLIMIT_DATA, not by address space, and binds only NVIDIA device nodes', () => {
    const args = whole(request({ profile: 'cuda', limits: options.run.cuda }));
    expect(args).toContain('--data-mb');
    expect(args).not.toContain('--as-mb');
    for (const [source] of after(args, '--dev-bind')) expect(source).toMatch(/^\/dev\/(nvidia|null$|zero$|full$|random$|urandom$)/);
  });

  it('gives a run under the analysis tools the GPU as it gives a cuda run: the NVIDIA device nodes and /sys', () => {
    const dev = mkdtempSync(join(tmpdir(), 'wb-dev-'));
    try {
      for (const name of ['nvidia0', 'nvidiactl', 'nvidia-uvm', 'null', 'sda']) writeFileSync(join(dev, name), '');
      for (const profile of ['cuda', 'cuda-sanitizer'] as const) {
        const args = profileMounts(profile, dev);
        expect({
          profile,
          devices: after(args, '--dev-bind')
            .map(([source]) => source)
            .sort(),
        }).toEqual({
          profile,
          devices: ['nvidia-uvm', 'nvidia0', 'nvidiactl'].map((n) => join(dev, n)),
        });
        expect(after(args, '--ro-bind-try')).toContainEqual(['/sys', '/sys']);
      }
      expect(profileMounts('cpu', dev)).toEqual([]);
    } finally {
      rmSync(dev, { recursive: true, force: true });
    }
  });
});
