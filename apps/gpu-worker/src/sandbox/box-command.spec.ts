import { boxCommand, BoxRequest, FIRST_HANDED_FD, STATUS_FD } from './box-command';
import { defaultBoxSandboxOptions } from './box-sandbox-options';

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

describe('boxCommand', () => {
  it('runs the launcher, which makes the box, then the program with its own arguments', () => {
    const { file, args } = boxCommand(options, request());
    expect(file).toBe(options.launcherPath);
    expect(after(args, '--root', 1)).toEqual([['/work/box-root']]);
    const programAt = args.indexOf('--') + 1;
    expect(args.slice(programAt)).toEqual([
      '/work/run-1/program',
      '-i',
      '/srv/wb/mps/lab/datasets/0/input0.raw',
      '-o',
      '/work/run-1/dataset-0/output.raw',
    ]);
  });

  it('gives each box a uid of its own, and no user namespace, when the worker is root', () => {
    for (const req of [request(), compileRequest()]) {
      const { args } = boxCommand(options, req);
      expect(args).not.toContain('--user-namespace');
      expect(after(args, '--uid', 1)).toEqual([['65534']]);
      expect(after(args, '--gid', 1)).toEqual([['65534']]);
    }
  });

  it('uses a user namespace, and no uid change, when the worker is not root', () => {
    for (const req of [request({ identity: null }), compileRequest({ identity: null })]) {
      const { args } = boxCommand(options, req);
      expect(args).toContain('--user-namespace');
      expect(args).not.toContain('--uid');
    }
  });

  it('gives the box no terminal devices: a /dev of its own with five devices and no devpts', () => {
    const { args } = boxCommand(options, request());
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
    const { env } = boxCommand(options, request());
    expect(env).toEqual({ HOME: '/tmp', TMPDIR: '/tmp', PATH: '/usr/bin:/bin', WB_REPORT_FILE: '/work/run-1/dataset-0/wb-report.json' });
  });

  it('binds the binary and inputs read-only and none of the host folder a run writes in, nothing else of the run', () => {
    const { args } = boxCommand(options, request());
    expect(after(args, '--bind')).toEqual([]);
    expect(after(boxCommand(options, compileRequest()).args, '--bind')).toEqual([['/work/run-1/dataset-0', '/work/run-1/dataset-0']]);
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
    const { args } = boxCommand(options, request());
    const dirs = after(args, '--dir', 1).flat();
    expect(dirs).toEqual(
      expect.arrayContaining(['/etc', '/work', '/work/run-1', '/srv/wb/mps/lab/datasets/0']),
    );
    // The folder a run writes in is made (the launcher mounts its capped tmpfs there), nothing in it.
    expect(dirs.filter((d) => d.startsWith('/work/run-1/dataset-0'))).toEqual(['/work/run-1/dataset-0']);
  });

  it('refuses to hide a bound file under the folder the box replaces', () => {
    expect(() => boxCommand(options, request({ readOnly: ['/work/run-1/dataset-0/program'] }))).toThrow(/inside the program's folder/);
  });

  it('gives the launcher the profile, the status fd, the folder and the limits', () => {
    const { args } = boxCommand(options, request(), { cgroups: 2 });
    // What follows the layout, which ends by sealing the root read-only.
    const launcher = args.slice(args.lastIndexOf('/', args.indexOf('--')) + 1, args.indexOf('--'));
    // prettier-ignore
    const expected = [
      '--profile', 'cpu', '--status-fd', String(STATUS_FD), '--chdir', '/work/run-1/dataset-0', '--cpu-s', '4',
      '--uid', '65534', '--gid', '65534',
      '--as-mb', '1024', '--fsize-mb', '64', '--nofile', '64', '--nproc', '64', '--stack-mb', '8',
      '--inodes', '1024',
      // The handed fds in their order: the host folder for the program's files, then the cgroups.
      '--scratch-mb', '5', '--export-fd', String(FIRST_HANDED_FD),
      '--cgroup-fd', String(FIRST_HANDED_FD + 1), '--cgroup-fd', String(FIRST_HANDED_FD + 2),
    ];
    expect(launcher).toEqual(expected);
  });

  it('lets an opencl run start the linker, and a compile run without a filter', () => {
    const opencl = boxCommand(options, request({ profile: 'opencl', limits: options.run.opencl, allowExec: ['/usr/bin/ld'] })).args;
    expect(after(opencl, '--allow-exec', 1)).toEqual([['/usr/bin/ld']]);
    expect(after(opencl, '--ro-bind-try')).toEqual(expect.arrayContaining([['/sys/devices/system/cpu', '/sys/devices/system/cpu']]));
    const compile = boxCommand(options, compileRequest()).args;
    expect(after(compile, '--profile', 1)).toEqual([['compile']]);
    expect(compile).not.toContain('--scratch-mb');
  });

  it('bounds a cuda run by RLIMIT_DATA, not by address space, and binds only NVIDIA device nodes', () => {
    const { args } = boxCommand(options, request({ profile: 'cuda', limits: options.run.cuda }));
    expect(args).toContain('--data-mb');
    expect(args).not.toContain('--as-mb');
    for (const [source] of after(args, '--dev-bind')) expect(source).toMatch(/^\/dev\/(nvidia|null$|zero$|full$|random$|urandom$)/);
  });
});
