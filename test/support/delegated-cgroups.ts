import { chownSync, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ownCgroups } from '../../apps/gpu-worker/src/sandbox/cgroups/cgroup-paths';

/**
 * What systemd's Delegate=yes does for the worker's service, done by this (root) test for an
 * unprivileged uid: a cgroup of the v1 memory, pids and cpu hierarchies, owned by that uid, for
 * a child process to move into. The worker started in it finds it writable and makes its boxes'
 * cgroups inside. (Where only cgroup v2 is writable, the test process's own cgroup holds
 * processes and cannot hand its controllers down, so this needs the v1 hierarchies.)
 */
export class DelegatedCgroups {
  readonly dirs: string[];

  constructor(uid: number) {
    const own = ownCgroups(readFileSync('/proc/self/mountinfo', 'utf8'), readFileSync('/proc/self/cgroup', 'utf8'));
    if (!own.v1.memory || !own.v1.pids)
      throw new Error('delegating a cgroup to the unprivileged worker needs the v1 memory and pids hierarchies, writable by root');
    const name = `wb-unprivileged-${process.pid}`;
    this.dirs = Object.values(own.v1).map((parent) => join(parent, name));
    for (const dir of this.dirs) {
      mkdirSync(dir);
      chownSync(dir, uid, uid);
      for (const file of readdirSync(dir)) chownSync(join(dir, file), uid, uid);
    }
  }

  /** Shell lines that move the shell itself (and so what it execs) into the delegated cgroups. */
  enter(): string {
    return this.dirs.map((dir) => `echo $$ > '${join(dir, 'cgroup.procs')}'`).join(' && ');
  }

  /** Removes them once every process in them has ended, with any box cgroup the worker left. */
  remove(): void {
    for (const dir of this.dirs) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) rmdirSync(join(dir, entry.name));
      rmdirSync(dir);
    }
  }
}
