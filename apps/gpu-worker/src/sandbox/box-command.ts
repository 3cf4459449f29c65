import type { ExecSpec } from '../runner/exec-types';
import { parentDirs, profileMounts, sealedRoot, systemMounts } from './box-layout';
import type { BoxLimits, BwrapSandboxOptions } from './bwrap-sandbox-options';
import { SandboxError } from './sandbox-error';
import type { SandboxProfile } from './sandbox-spec';

/** The fd the launcher writes its one-line outcome to (the worker's extra pipe). */
export const STATUS_FD = 3;
/** The fd bubblewrap names the box's pid 1 on (`{"child-pid": N}`), for the worker to kill it. */
export const INFO_FD = 4;
/** The first of the fds the worker hands the launcher ({@link BoxFds}), in that order. */
export const FIRST_HANDED_FD = 5;

export interface BoxRequest {
  /** `compile` runs compilers (they fork): rlimits and identity, no syscall filter. */
  profile: SandboxProfile | 'compile';
  spec: ExecSpec;
  limits: BoxLimits;
  /** Host paths bound at the same place, read-only and read-write. */
  readOnly: string[];
  readWrite: string[];
  /** The uid/gid the launcher drops to (worker is root), or null (user namespace, as the worker's uid). */
  identity: { uid: number; gid: number } | null;
  allowExec: string[];
  /**
   * Runs: the program's folder (`spec.cwd`) is a tmpfs of this many MiB in the box, not the host
   * folder, and its files are copied out at the end. 0: the host folder is bound (compiles).
   */
  scratchMb: number;
}

/**
 * The fds the worker hands the launcher from {@link FIRST_HANDED_FD} on, in this order: the host
 * folder the program's files are copied into (runs, with `scratchMb`), then the open
 * `cgroup.procs` file of each of the box's cgroups.
 */
export interface BoxFds {
  cgroups: number;
}

/** bubblewrap, then wb-sandbox inside it, then the command: one argv for the worker to spawn. */
export function boxCommand(
  options: Pick<BwrapSandboxOptions, 'bwrapPath' | 'launcherPath'>,
  request: BoxRequest,
  fds: BoxFds = { cgroups: 0 },
): { file: string; args: string[] } {
  const { spec } = request;
  const scratch = request.scratchMb > 0;
  const bound = [...request.readOnly, options.launcherPath];
  // The program's folder is mounted over in the box: nothing bound inside it would be seen.
  const hidden = scratch ? bound.find((p) => p.startsWith(`${spec.cwd}/`)) : undefined;
  if (hidden) throw new SandboxError(`${hidden} is inside the program's folder ${spec.cwd}, which the box replaces`);
  const args = [
    ...namespaces(request.identity !== null, request.profile === 'compile'),
    // The box dies with the worker's bwrap process (killed on timeout); the program gets no
    // controlling terminal to inject input into (TIOCSTI); nothing of the worker's env leaks.
    '--die-with-parent',
    '--info-fd',
    String(INFO_FD),
    '--new-session',
    '--clearenv',
    ...environment(spec.env),
    ...systemMounts(request.limits.tmpMb),
    ...profileMounts(request.profile),
    ...parentDirs([...request.readWrite, ...bound, ...(scratch ? [spec.cwd] : [])]),
    // The launcher mounts the program's capped folder here (a place to mount on, nothing more).
    ...(scratch ? ['--perms', '0700', '--dir', spec.cwd] : []),
    // Read-write first, so that a read-only path inside a writable one stays read-only.
    ...request.readWrite.flatMap((p) => ['--bind', p, p]),
    ...request.readOnly.flatMap((p) => ['--ro-bind', p, p]),
    '--ro-bind',
    options.launcherPath,
    options.launcherPath,
    ...sealedRoot(),
    '--',
    options.launcherPath,
    ...launcherArgs(request, fds),
    '--',
    spec.command,
    ...spec.args,
  ];
  return { file: options.bwrapPath, args };
}

/**
 * A root worker runs bubblewrap without a user namespace, so that the launcher can become the
 * sandbox uid for real (a uid mapped inside a user namespace would still be root on the host's
 * files); bubblewrap keeps for it only the two capabilities that change ids. A worker that is
 * not root needs the user namespace, and the program runs as the worker's own uid.
 */
function namespaces(privileged: boolean, compile: boolean): string[] {
  // --as-pid-1: the launcher is the box's init, so no process of bubblewrap's own runs in the
  // box (in a user namespace it would run as the program's uid, unfiltered and dumpable). When
  // the launcher ends, the kernel ends everything else in the box before its parent hears of it.
  const common = ['--unshare-ipc', '--unshare-pid', '--as-pid-1', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try'];
  // A run's launcher mounts the program's capped folder and limits the files of /tmp and
  // /dev/shm (CAP_SYS_ADMIN, given up with everything else before the program exists). In a
  // user namespace that needs the namespace that owns the mounts: so no --disable-userns, whose
  // nested namespace would own none. A run's filter refuses every namespace call instead; a
  // compile has no filter, so it keeps --disable-userns and mounts nothing.
  const admin = compile ? [] : ['--cap-add', 'CAP_SYS_ADMIN'];
  if (privileged) return [...common, '--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', ...admin];
  return ['--unshare-user', ...common, ...(compile ? ['--disable-userns'] : admin)];
}

/** The caller's variables, plus a home and temp folder in the box's private /tmp. */
function environment(env: NodeJS.ProcessEnv): string[] {
  const vars: Record<string, string> = { HOME: '/tmp', TMPDIR: '/tmp' };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) vars[key] = value;
  vars.HOME = '/tmp'; // the worker's home is not in the box
  return Object.entries(vars).flatMap(([key, value]) => ['--setenv', key, value]);
}

function launcherArgs(request: BoxRequest, fds: BoxFds): string[] {
  const { limits, identity } = request;
  const cpuSeconds = Math.ceil(request.spec.timeoutMs / 1000) + 1;
  const args = ['--profile', request.profile, '--status-fd', String(STATUS_FD), '--chdir', request.spec.cwd, '--cpu-s', String(cpuSeconds)];
  if (identity) args.push('--uid', String(identity.uid), '--gid', String(identity.gid));
  const sized: [string, number][] = [
    ['--as-mb', limits.addressSpaceMb],
    ['--data-mb', limits.dataMb],
    ['--fsize-mb', limits.fileSizeMb],
    ['--nofile', limits.openFiles],
    ['--nproc', limits.processes],
    ['--stack-mb', limits.stackMb],
  ];
  for (const [flag, value] of sized) if (value > 0) args.push(flag, String(value));
  for (const path of request.allowExec) args.push('--allow-exec', path);
  if (request.profile !== 'compile' && limits.files > 0) args.push('--inodes', String(limits.files));
  let fd = FIRST_HANDED_FD;
  if (request.scratchMb > 0) args.push('--scratch-mb', String(request.scratchMb), '--export-fd', String(fd++));
  for (let i = 0; i < fds.cgroups; i++) args.push('--cgroup-fd', String(fd++));
  return args;
}
