import { Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxError } from '../sandbox-error';
import { BoxCgroup, BoxCgroupDir, killAll, tryRmdir } from './box-cgroup';
import { CgroupMechanism, detectCgroupMechanism } from './cgroup-mechanism';
import type { Controller } from './cgroup-paths';

/**
 * One cgroup per box, under the worker's own (delegated) cgroup: memory.max counts shared
 * memory, memfd and tmpfs pages that no rlimit sees, pids.max bounds the box's threads whatever
 * uid they share, and cpu.max keeps a busy box to its share of cores. cgroup v2 first; the v1
 * `memory` and `pids` hierarchies (and `cpu` if present) where only those are writable; none
 * where neither is, and then the sandbox's rlimits and memory watch are all there is.
 */
export class BoxCgroups {
  private readonly logger = new Logger(BoxCgroups.name);
  private made = 0;

  private constructor(readonly mechanism: CgroupMechanism) {}

  /** Finds the worker's own cgroups and what it may do in them; never throws. */
  static detect(): BoxCgroups {
    return new BoxCgroups(detectCgroupMechanism());
  }

  /** A host that gives the worker no cgroups, for the reason given. */
  static unavailable(why: string): BoxCgroups {
    return new BoxCgroups({ kind: 'none', why });
  }

  get available(): boolean {
    return this.mechanism.kind !== 'none';
  }

  /** For the start-up log and the worker's status. */
  get description(): string {
    const m = this.mechanism;
    if (m.kind === 'cgroup v2') return `cgroup v2 (${m.controllers.join(', ')}) under ${m.parent}`;
    if (m.kind === 'cgroup v1') return `cgroup v1 (${Object.keys(m.parents).join(', ')}) under ${Object.values(m.parents).join(', ')}`;
    return `no cgroups (${m.why}): rlimits and the memory watch only`;
  }

  /**
   * A new cgroup for one box, without limits yet (it may be made ahead of its run: BoxCgroup.limit
   * sets them before the program exists); null when the host has none to give.
   */
  create(): BoxCgroup | null {
    const m = this.mechanism;
    if (m.kind === 'none') return null;
    const name = `wb-box-${process.pid}-${++this.made}`;
    const dirs: BoxCgroupDir[] =
      m.kind === 'cgroup v2'
        ? [{ path: join(m.parent, name), controllers: m.controllers, v2: true }]
        : (Object.entries(m.parents) as [Controller, string][]).map(([c, parent]) => ({
            path: join(parent, name),
            controllers: [c],
            v2: false,
          }));
    const made: BoxCgroupDir[] = [];
    try {
      for (const dir of dirs) {
        mkdirSync(dir.path);
        made.push(dir);
      }
      return new BoxCgroup(made, this.logger);
    } catch (err) {
      for (const dir of made) tryRmdir(dir.path);
      throw new SandboxError(`cannot make the box's cgroup: ${(err as Error).message}`);
    }
  }

  /**
   * Removes box cgroups a worker that died left behind (its processes are killed first): named
   * after a pid that no longer runs.
   */
  sweepStale(): void {
    const m = this.mechanism;
    const parents = m.kind === 'cgroup v2' ? [m.parent] : m.kind === 'cgroup v1' ? Object.values(m.parents) : [];
    for (const parent of parents)
      for (const entry of safeReaddir(parent)) {
        const pid = Number(/^wb-box-(\d+)-\d+$/.exec(entry)?.[1]);
        if (!pid || pid === process.pid || existsSync(`/proc/${pid}`)) continue;
        const path = join(parent, entry);
        killAll(path);
        if (!tryRmdir(path)) this.logger.warn(`could not remove the stale box cgroup ${path}`);
      }
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
