import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SandboxProfile } from '@wb/common';

/** POSIX shared memory (shm_open, sem_open): no lab needs much. */
export const DEV_SHM_MB = 16;

/**
 * The box's file system, the same for compiles and runs: the read-only system toolchain
 * (/usr and the merged-/usr links), a private /proc and minimal /dev (no ptys), a size-capped private
 * /tmp, and nothing else of the host: no /etc/passwd, no /home, no /var, no worker files.
 */
export function systemMounts(tmpMb: number): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  // Debian's merged /usr makes these links into /usr; elsewhere they are directories.
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    const kind = lstatOrNull(top);
    if (kind?.isSymbolicLink()) args.push('--symlink', readlinkSync(top), top);
    else if (kind?.isDirectory()) args.push('--ro-bind', top, top);
  }
  // The dynamic loader's cache, in an /etc that holds nothing else of the host's.
  args.push('--perms', '0755', '--dir', '/etc', '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache');
  args.push('--proc', '/proc', ...deviceFolder());
  args.push('--perms', '1777', '--size', String(DEV_SHM_MB * 1024 * 1024), '--tmpfs', '/dev/shm');
  args.push('--perms', '1777', '--size', String(tmpMb * 1024 * 1024), '--tmpfs', '/tmp');
  return args;
}

/**
 * A /dev of the box's own with the five devices a program or a compiler uses and the stdio
 * links, a folder of the box's root (sealed read-only with it). No devpts: it hands out ptys
 * from a machine-wide pool (kernel.pty.max).
 */
function deviceFolder(): string[] {
  const args = ['--perms', '0755', '--dir', '/dev'];
  for (const device of ['null', 'zero', 'full', 'random', 'urandom']) args.push('--dev-bind', `/dev/${device}`, `/dev/${device}`);
  args.push('--symlink', '/proc/self/fd', '/dev/fd');
  ['stdin', 'stdout', 'stderr'].forEach((name, fd) => args.push('--symlink', `/proc/self/fd/${fd}`, `/dev/${name}`));
  return args;
}

/**
 * Ends the box's mount list: its root (a small tmpfs holding the folders and the points the
 * binds are mounted on, /dev among them) becomes read-only. In a user namespace it belongs to
 * the program's uid, and every byte written there would be memory outside any limit. The bound
 * folders, /tmp and /dev/shm are mounts of their own and keep their modes.
 */
export function sealedRoot(): string[] {
  return ['--remount-ro', '/'];
}

/**
 * What a profile's runtime reads besides the system. OpenCL (PoCL, through hwloc) sizes its
 * thread pool from the CPU and NUMA topology in sysfs, and gives up without it. CUDA needs the
 * NVIDIA device nodes (only those, never all of /dev) and reads the PCI topology in sysfs.
 */
export function profileMounts(profile: SandboxProfile | 'compile', devDir = '/dev'): string[] {
  // The alternatives system's links (cc and c++, some distributions' libcuda) and PoCL's ICD
  // list: each bind is time on every run, so a cpu run, which reads neither, gets neither.
  const etc = (...paths: string[]) => paths.flatMap((p) => ['--ro-bind-try', p, p]);
  if (profile === 'compile') return etc('/etc/alternatives');
  if (profile === 'opencl') {
    const args = [
      ...etc('/etc/alternatives', '/etc/OpenCL'),
      '--perms',
      '0755',
      '--dir',
      '/sys',
      '--perms',
      '0755',
      '--dir',
      '/sys/devices',
      '--perms',
      '0755',
      '--dir',
      '/sys/devices/system',
    ];
    for (const dir of ['/sys/devices/system/cpu', '/sys/devices/system/node']) args.push('--ro-bind-try', dir, dir);
    return args;
  }
  // A run under compute-sanitizer or ncu reaches the GPU as the program itself does.
  if (profile !== 'cuda' && profile !== 'cuda-sanitizer') return [];
  const args = etc('/etc/alternatives');
  for (const name of listDir(devDir).filter((n) => n.startsWith('nvidia'))) {
    const path = join(devDir, name);
    args.push('--dev-bind', path, path); // nvidia0…, nvidiactl, nvidia-uvm(-tools), nvidia-modeset, nvidia-caps/
  }
  args.push('--ro-bind-try', '/sys', '/sys');
  return args;
}

/** Paths the box mounts itself: their insides are never created with --dir. */
const BOX_MOUNTS = ['/usr', '/proc', '/dev', '/sys'];

/**
 * The folders above the bound paths, created in the box before anything is bound, traversable
 * and read-only for everyone. None is inside a bound path (that would create it on the host) or
 * inside a system mount.
 */
export function parentDirs(bound: string[]): string[] {
  const parents = new Set<string>();
  for (const path of bound) {
    for (let dir = dirname(path); dir !== '/' && dir !== '.'; dir = dirname(dir)) parents.add(dir);
  }
  const inside = (dir: string, root: string) => dir === root || dir.startsWith(`${root}/`);
  // Read-only for everyone: in a user namespace these folders belong to the program's uid, and
  // one under the box's /tmp would otherwise take files beside the program's inputs.
  return [...parents]
    .filter((dir) => dir !== '/tmp' && !bound.some((b) => inside(dir, b)) && !BOX_MOUNTS.some((m) => inside(dir, m)))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
    .flatMap((dir) => ['--perms', '0555', '--dir', dir]);
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
