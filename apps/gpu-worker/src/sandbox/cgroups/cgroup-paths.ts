import { join, posix } from 'node:path';

/** The controllers a box is limited by: memory (every kind of page), pids (threads) and CPU time. */
export type Controller = 'memory' | 'pids' | 'cpu';

/** Where this process's own cgroups are in the file system, per hierarchy. */
export interface OwnCgroups {
  /** The unified (v2) hierarchy's folder of this process, when one is mounted. */
  v2: string | null;
  /** Each v1 controller's folder of this process, when that hierarchy is mounted. */
  v1: Partial<Record<Controller, string>>;
}

interface CgroupMount {
  root: string;
  mountPoint: string;
  v2: boolean;
  controllers: string[];
}

/**
 * Reads `/proc/self/mountinfo` and `/proc/self/cgroup` (given as text) into the folders of this
 * process's own cgroups. A mount shows the hierarchy from its `root` down (a container's view),
 * so the process's path is taken relative to that root; one outside it is not reachable.
 */
export function ownCgroups(mountinfo: string, procSelfCgroup: string): OwnCgroups {
  const mounts = mountinfo.split('\n').flatMap(parseMount);
  const own: OwnCgroups = { v2: null, v1: {} };
  for (const line of procSelfCgroup.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    const [, id, list, path] = match;
    if (id === '0' && list === '') {
      const mount = mounts.find((m) => m.v2);
      if (mount) own.v2 = locate(mount, path);
      continue;
    }
    for (const controller of list.split(',')) {
      if (controller !== 'memory' && controller !== 'pids' && controller !== 'cpu') continue;
      const mount = mounts.find((m) => !m.v2 && m.controllers.includes(controller));
      const dir = mount ? locate(mount, path) : null;
      if (dir) own.v1[controller] = dir;
    }
  }
  return own;
}

function parseMount(line: string): CgroupMount[] {
  // id parent major:minor root mount-point options [optional fields...] - fstype source super-options
  const [left, right] = line.split(' - ');
  if (!right) return [];
  const fields = left.split(' ');
  const [fsType, , superOptions = ''] = right.split(' ');
  if (fsType !== 'cgroup' && fsType !== 'cgroup2') return [];
  return [
    {
      root: unescapeMountPath(fields[3]),
      mountPoint: unescapeMountPath(fields[4]),
      v2: fsType === 'cgroup2',
      controllers: superOptions.split(','),
    },
  ];
}

function locate(mount: CgroupMount, path: string): string | null {
  const relative = posix.relative(mount.root, path);
  if (relative.startsWith('..')) return null;
  return join(mount.mountPoint, relative);
}

/** mountinfo writes space, tab, newline and backslash as octal escapes. */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
