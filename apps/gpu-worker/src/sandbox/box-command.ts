import type { ExecSpec } from '../runner/exec-types';
import { parentDirs, profileMounts, sealedRoot, systemMounts } from './box-layout';
import type { BoxLimits, BoxSandboxOptions } from './box-sandbox-options';
import { SandboxError } from './sandbox-error';
import type { SandboxProfile } from '@wb/common';

// wb-box-spawner hands the launcher its pipes and cgroup join files at these fds (its stdout and
// stderr at 1 and 2); spawner/box-spawner.c lays them out the same way.

/** The fd the launcher writes its one-line outcome to (the worker's extra pipe). */
export const STATUS_FD = 3;
/** The fd the launcher reads the rest of its command line from ({@link boxRequest}). */
export const REQUEST_FD = 4;
/** The first of the box's cgroup join files (`cgroup.procs`, v1 `tasks`) handed to the launcher. */
export const FIRST_CGROUP_FD = 5;

/**
 * What a box is made with before any run asks for it: the same for every run of a profile, so
 * that a box can be made ahead (warm-boxes.ts) while the previous one runs.
 */
export interface BoxShape {
  /** `compile` runs compilers (they fork): rlimits and identity, no syscall filter. */
  profile: SandboxProfile | 'compile';
  limits: BoxLimits;
  /** A worker that is not root: a user namespace, and the program runs as the worker's own uid. */
  userNamespace: boolean;
  /** How many cgroup join files the worker hands over, from {@link FIRST_CGROUP_FD} on. */
  cgroups: number;
}

/** One run's (or compile's) part: what the box holds and what runs in it. */
export interface BoxRequest {
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
 * The first part of the launcher's command line: it makes the box's namespaces, joins
 * the box's cgroup and lays out the system part of its file system, then waits on
 * {@link REQUEST_FD} for the rest.
 */
export function boxLaunch(options: Pick<BoxSandboxOptions, 'boxRoot'>, shape: BoxShape): string[] {
  const args = [
    '--root',
    options.boxRoot,
    // A root worker gives each box a uid of its own (the request's --uid); one that is not root
    // needs a user namespace (README.md, "Identity").
    ...(shape.userNamespace ? ['--user-namespace'] : []),
    '--profile',
    shape.profile,
    '--status-fd',
    String(STATUS_FD),
    '--request-fd',
    String(REQUEST_FD),
  ];
  for (let i = 0; i < shape.cgroups; i++) args.push('--cgroup-fd', String(FIRST_CGROUP_FD + i));
  // Every tmpfs of a run's box is capped in files too (each is kernel memory); a compile's is not.
  if (shape.profile !== 'compile' && shape.limits.files > 0) args.push('--inodes', String(shape.limits.files));
  args.push(...systemMounts(shape.limits.tmpMb), ...profileMounts(shape.profile));
  return args;
}

/**
 * The rest of the launcher's command line, for one run: the paths bound into the box, the
 * folder the program works in, its limits, identity and environment, and the program itself.
 */
export function boxRequest(request: BoxRequest): string[] {
  const { spec } = request;
  const scratch = request.scratchMb > 0;
  // The program's folder is mounted over in the box: nothing bound inside it would be seen.
  const hidden = scratch ? request.readOnly.find((p) => p.startsWith(`${spec.cwd}/`)) : undefined;
  if (hidden) throw new SandboxError(`${hidden} is inside the program's folder ${spec.cwd}, which the box replaces`);
  return [
    ...parentDirs([...request.readWrite, ...request.readOnly, ...(scratch ? [spec.cwd] : [])]),
    // The launcher mounts the program's capped folder here (a place to mount on, nothing more).
    ...(scratch ? ['--perms', '0700', '--dir', spec.cwd] : []),
    // Read-write first, so that a read-only path inside a writable one stays read-only.
    ...request.readWrite.flatMap((p) => ['--bind', p, p]),
    ...request.readOnly.flatMap((p) => ['--ro-bind', p, p]),
    ...sealedRoot(),
    ...launcherArgs(request),
    ...Object.entries(environment(spec.env)).flatMap(([name, value]) => ['--setenv', name, value]),
    '--',
    spec.command,
    ...spec.args,
  ];
}

/** The caller's variables, plus a home and temp folder in the box's private /tmp; nothing of the worker's. */
function environment(env: NodeJS.ProcessEnv): Record<string, string> {
  const vars: Record<string, string> = { HOME: '/tmp', TMPDIR: '/tmp' };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) vars[key] = value;
  vars.HOME = '/tmp'; // the worker's home is not in the box
  return vars;
}

function launcherArgs(request: BoxRequest): string[] {
  const { limits, identity } = request;
  const cpuSeconds = Math.ceil(request.spec.timeoutMs / 1000) + 1;
  const args = ['--chdir', request.spec.cwd, '--cpu-s', String(cpuSeconds)];
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
  // The launcher opens the host folder before the box leaves the host's tree, and copies the
  // program's files into it at the end.
  if (request.scratchMb > 0) args.push('--scratch-mb', String(request.scratchMb), '--export-dir', request.spec.cwd);
  return args;
}
