import type { ExecSpec } from '../runner/exec-types';
import { parentDirs, profileMounts, sealedRoot, systemMounts } from './box-layout';
import type { BoxLimits, BoxSandboxOptions } from './box-sandbox-options';
import { SandboxError } from './sandbox-error';
import type { SandboxProfile } from './sandbox-spec';

/** The fd the launcher writes its one-line outcome to (the worker's extra pipe). */
export const STATUS_FD = 3;
/** The first of the fds the worker hands the launcher ({@link BoxFds}), in that order. */
export const FIRST_HANDED_FD = 4;

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
 * join file of each of the box's cgroups (`cgroup.procs`, v1 `tasks`).
 */
export interface BoxFds {
  cgroups: number;
}

/**
 * The launcher, which makes the box itself (its namespaces and the file system laid out here),
 * then the command: one argv and the environment for the worker to spawn.
 */
export function boxCommand(
  options: Pick<BoxSandboxOptions, 'launcherPath' | 'boxRoot'>,
  request: BoxRequest,
  fds: BoxFds = { cgroups: 0 },
): { file: string; args: string[]; env: Record<string, string> } {
  const { spec } = request;
  const scratch = request.scratchMb > 0;
  // The program's folder is mounted over in the box: nothing bound inside it would be seen.
  const hidden = scratch ? request.readOnly.find((p) => p.startsWith(`${spec.cwd}/`)) : undefined;
  if (hidden) throw new SandboxError(`${hidden} is inside the program's folder ${spec.cwd}, which the box replaces`);
  const args = [
    '--root',
    options.boxRoot,
    // A root worker gives each box a uid of its own (identity); one that is not root needs a
    // user namespace, and the program runs as the worker's own uid (README.md, "Identity").
    ...(request.identity ? [] : ['--user-namespace']),
    ...systemMounts(request.limits.tmpMb),
    ...profileMounts(request.profile),
    ...parentDirs([...request.readWrite, ...request.readOnly, ...(scratch ? [spec.cwd] : [])]),
    // The launcher mounts the program's capped folder here (a place to mount on, nothing more).
    ...(scratch ? ['--perms', '0700', '--dir', spec.cwd] : []),
    // Read-write first, so that a read-only path inside a writable one stays read-only.
    ...request.readWrite.flatMap((p) => ['--bind', p, p]),
    ...request.readOnly.flatMap((p) => ['--ro-bind', p, p]),
    ...sealedRoot(),
    ...launcherArgs(request, fds),
    '--',
    spec.command,
    ...spec.args,
  ];
  return { file: options.launcherPath, args, env: environment(spec.env) };
}

/** The caller's variables, plus a home and temp folder in the box's private /tmp; nothing of the worker's. */
function environment(env: NodeJS.ProcessEnv): Record<string, string> {
  const vars: Record<string, string> = { HOME: '/tmp', TMPDIR: '/tmp' };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) vars[key] = value;
  vars.HOME = '/tmp'; // the worker's home is not in the box
  return vars;
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
