import { Logger } from '@nestjs/common';
import { closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SandboxError } from '../sandbox-error';
import { Controller, ownCgroups, OwnCgroups } from './cgroup-paths';

/** What one box may use, enforced by the kernel for the box's every process together. */
export interface BoxResources {
  /** Every page the box holds: private, shared, memfd, and its tmpfs files. */
  memoryBytes: number;
  /** Processes and threads at once. */
  pids: number;
  /** Cores' worth of CPU time per period; 0: no CPU limit. */
  cpus: number;
}

/** How the boxes' resources are limited on this host: see deploy/README.md, "The sandbox". */
export type CgroupMechanism =
  | { kind: 'cgroup v2'; parent: string; controllers: Controller[] }
  | { kind: 'cgroup v1'; parents: Partial<Record<Controller, string>> }
  | { kind: 'none'; why: string };

const CPU_PERIOD_US = 100_000;
/** How long processes a box left behind get to die of SIGKILL before the worker gives up on them. */
const LEFTOVER_WAIT_MS = 2_000;

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
    let own: OwnCgroups;
    try {
      own = ownCgroups(readFileSync('/proc/self/mountinfo', 'utf8'), readFileSync('/proc/self/cgroup', 'utf8'));
    } catch (err) {
      return BoxCgroups.unavailable(`cannot read this process's cgroups: ${(err as Error).message}`);
    }
    const v2 = own.v2 ? delegatedV2(own.v2) : { why: 'no cgroup v2 hierarchy is mounted' };
    if ('parent' in v2) return new BoxCgroups({ kind: 'cgroup v2', ...v2 });
    const v1 = writableV1(own);
    if ('parents' in v1) return new BoxCgroups({ kind: 'cgroup v1', parents: v1.parents });
    return BoxCgroups.unavailable(`cgroup v2: ${v2.why}; cgroup v1: ${v1.why}`);
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

  /** A new cgroup for one box, its limits set; null when the host has none to give. */
  create(resources: BoxResources): BoxCgroup | null {
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
        limit(dir, resources);
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

interface BoxCgroupDir {
  path: string;
  controllers: Controller[];
  v2: boolean;
}

/** What a finished box's cgroup says about it. */
export interface BoxCgroupReport {
  /** Processes the kernel's OOM killer ended because the box's memory was full. */
  oomKills: number;
  /** Processes still in the cgroup after the box's init had ended (killed then). */
  leftovers: number;
}

/** One box's cgroup (a folder per hierarchy): joined by the launcher, emptied and removed after. */
export class BoxCgroup {
  /** Open `cgroup.procs` files, inherited by the launcher, which joins them before the program exists. */
  readonly procsFds: number[];

  constructor(
    private readonly dirs: BoxCgroupDir[],
    private readonly logger: Logger,
  ) {
    this.procsFds = dirs.map((dir) => openSync(join(dir.path, 'cgroup.procs'), constants.O_WRONLY));
  }

  /** The cgroup's folders, one per hierarchy (v2: one), for the log and the tests. */
  get paths(): string[] {
    return this.dirs.map((d) => d.path);
  }

  /** The worker's copies, once the launcher holds its own. */
  closeFds(): void {
    for (const fd of this.procsFds.splice(0)) closeSync(fd);
  }

  /**
   * After the box: confirms no process of it is left (killing any that is, and waiting for it),
   * reads the OOM count, and removes the cgroup. The box's files are read only after this.
   */
  async release(): Promise<BoxCgroupReport> {
    this.closeFds();
    let leftovers = 0;
    for (const dir of this.dirs) {
      leftovers = Math.max(leftovers, killAll(dir.path));
      for (const deadline = Date.now() + LEFTOVER_WAIT_MS; procs(dir.path).length > 0 && Date.now() < deadline;) await sleep(10);
      if (procs(dir.path).length > 0) throw new SandboxError(`processes of a box outlived it in ${dir.path} despite SIGKILL`);
    }
    const memory = this.dirs.find((d) => d.controllers.includes('memory'));
    const oomKills = memory ? readOomKills(memory) : 0;
    if (leftovers > 0) this.logger.warn(`${leftovers} process(es) of a box outlived its init and were killed`);
    for (const dir of this.dirs) void removeSoon(dir.path, this.logger);
    return { oomKills, leftovers };
  }
}

function limit(dir: BoxCgroupDir, r: BoxResources): void {
  const set = (file: string, value: string | number, optional = false) => {
    try {
      writeFileSync(join(dir.path, file), String(value));
    } catch (err) {
      if (!optional) throw new Error(`cannot set ${file} of ${dir.path}: ${(err as Error).message}`);
    }
  };
  for (const controller of dir.controllers) {
    if (controller === 'memory') {
      set(dir.v2 ? 'memory.max' : 'memory.limit_in_bytes', r.memoryBytes);
      // Swap would be memory past the limit: none (absent where swap is not accounted).
      if (dir.v2) set('memory.swap.max', 0, true);
      else set('memory.memsw.limit_in_bytes', r.memoryBytes, true);
    } else if (controller === 'pids') {
      set('pids.max', r.pids);
    } else if (r.cpus > 0) {
      const quota = Math.round(r.cpus * CPU_PERIOD_US);
      if (dir.v2) set('cpu.max', `${quota} ${CPU_PERIOD_US}`);
      else {
        set('cpu.cfs_period_us', CPU_PERIOD_US);
        set('cpu.cfs_quota_us', quota);
      }
    }
  }
}

function readOomKills(dir: BoxCgroupDir): number {
  const text = safeRead(join(dir.path, dir.v2 ? 'memory.events' : 'memory.oom_control'));
  return Number(/^oom_kill (\d+)$/m.exec(text)?.[1] ?? 0);
}

function procs(path: string): number[] {
  return safeRead(join(path, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
}

/** SIGKILL to every process in the cgroup; returns how many there were. */
function killAll(path: string): number {
  const pids = procs(path);
  if (pids.length === 0) return 0;
  if (existsSync(join(path, 'cgroup.kill'))) {
    try {
      writeFileSync(join(path, 'cgroup.kill'), '1');
      return pids.length;
    } catch {
      /* fall back to one by one */
    }
  }
  for (const pid of pids)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  return pids.length;
}

/** A memory cgroup may stay busy for a moment after its last process (pages being uncharged). */
async function removeSoon(path: string, logger: Logger): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (tryRmdir(path)) return;
    await sleep(50 * (attempt + 1));
  }
  logger.warn(`could not remove the box cgroup ${path}; the next start removes it`);
}

function tryRmdir(path: string): boolean {
  try {
    rmdirSync(path);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * cgroup v2 needs the controllers enabled for the children, and a cgroup with processes of its
 * own cannot have both: the worker moves itself into a leaf (`wb-worker`) of its cgroup, enables
 * memory, pids and cpu for the children, and makes the boxes beside that leaf. This is what a
 * delegated cgroup (systemd's Delegate=yes, a container's own cgroup namespace) allows.
 */
function delegatedV2(own: string): { parent: string; controllers: Controller[] } | { why: string } {
  const available = safeRead(join(own, 'cgroup.controllers')).split(/\s+/);
  const missing = (['memory', 'pids'] as const).filter((c) => !available.includes(c));
  if (missing.length > 0) return { why: `${own} does not offer the ${missing.join(' and ')} controller(s)` };
  const controllers: Controller[] = ['memory', 'pids', ...(available.includes('cpu') ? (['cpu'] as const) : [])];
  try {
    const leaf = join(own, 'wb-worker');
    if (!existsSync(leaf)) mkdirSync(leaf);
    writeFileSync(join(leaf, 'cgroup.procs'), String(process.pid));
    writeFileSync(join(own, 'cgroup.subtree_control'), controllers.map((c) => `+${c}`).join(' '));
    return { parent: own, controllers };
  } catch (err) {
    return { why: `${own} is not delegated to this worker: ${(err as Error).message}` };
  }
}

/** The v1 memory and pids hierarchies (cpu too, where present) in which the worker may make cgroups. */
function writableV1(own: OwnCgroups): { parents: Partial<Record<Controller, string>> } | { why: string } {
  const parents: Partial<Record<Controller, string>> = {};
  for (const controller of ['memory', 'pids', 'cpu'] as const) {
    const dir = own.v1[controller];
    if (!dir) continue;
    const probe = join(dir, `wb-probe-${process.pid}`);
    try {
      mkdirSync(probe);
      rmdirSync(probe);
      parents[controller] = dir;
    } catch {
      /* not this one */
    }
  }
  if (!parents.memory || !parents.pids) return { why: 'the memory and pids hierarchies are not both mounted and writable here' };
  return { parents };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
