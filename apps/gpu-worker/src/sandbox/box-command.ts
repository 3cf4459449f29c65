import type { ExecSpec } from '../runner/exec-types';
import { parentDirs, profileMounts, sealedRoot, systemMounts } from './box-layout';
import type { BoxLimits, BwrapSandboxOptions } from './bwrap-sandbox-options';
import type { SandboxProfile } from './sandbox-spec';

/** The fd the launcher writes its one-line outcome to (the worker's extra pipe). */
export const STATUS_FD = 3;
/** The fd bubblewrap names the box's pid 1 on (`{"child-pid": N}`), for the worker to kill it. */
export const INFO_FD = 4;

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
}

/** bubblewrap, then wb-sandbox inside it, then the command: one argv for the worker to spawn. */
export function boxCommand(
  options: Pick<BwrapSandboxOptions, 'bwrapPath' | 'launcherPath'>,
  request: BoxRequest,
): { file: string; args: string[] } {
  const { spec } = request;
  const args = [
    ...namespaces(request.identity !== null),
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
    ...parentDirs([...request.readWrite, ...request.readOnly, options.launcherPath]),
    // Read-write first, so that a read-only path inside a writable one stays read-only.
    ...request.readWrite.flatMap((p) => ['--bind', p, p]),
    ...request.readOnly.flatMap((p) => ['--ro-bind', p, p]),
    '--ro-bind',
    options.launcherPath,
    options.launcherPath,
    ...sealedRoot(),
    '--',
    options.launcherPath,
    ...launcherArgs(request),
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
function namespaces(privileged: boolean): string[] {
  // --as-pid-1: the launcher is the box's init, so no process of bubblewrap's own runs in the
  // box (in a user namespace it would run as the program's uid, unfiltered and dumpable). When
  // the launcher ends, the kernel ends everything else in the box before its parent hears of it.
  const common = ['--unshare-ipc', '--unshare-pid', '--as-pid-1', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try'];
  if (privileged) return [...common, '--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID'];
  return ['--unshare-user', ...common, '--disable-userns'];
}

/** The caller's variables, plus a home and temp folder in the box's private /tmp. */
function environment(env: NodeJS.ProcessEnv): string[] {
  const vars: Record<string, string> = { HOME: '/tmp', TMPDIR: '/tmp' };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) vars[key] = value;
  vars.HOME = '/tmp'; // the worker's home is not in the box
  return Object.entries(vars).flatMap(([key, value]) => ['--setenv', key, value]);
}

function launcherArgs(request: BoxRequest): string[] {
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
  return args;
}
