import { Logger } from '@nestjs/common';
import { existsSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SandboxError } from '../sandbox-error';
import { safeRead } from './cgroup-mechanism';
import type { Controller } from './cgroup-paths';

/** What one box may use, enforced by the kernel for the box's every process together. */
export interface BoxResources {
  /** Every page the box holds: private, shared, memfd, and its tmpfs files. */
  memoryBytes: number;
  /** Processes and threads at once. */
  pids: number;
  /** Cores' worth of CPU time per period; 0: no CPU limit. */
  cpus: number;
}

const CPU_PERIOD_US = 100_000;
/** How long processes a box left behind get to die of SIGKILL before the worker gives up on them. */
const LEFTOVER_WAIT_MS = 2_000;

export interface BoxCgroupDir {
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
  /**
   * The files through which a process joins the cgroup (one per hierarchy): opened for the
   * launcher as it starts, which joins before the program exists.
   */
  readonly joinFiles: string[];

  constructor(
    private readonly dirs: BoxCgroupDir[],
    private readonly logger: Logger,
  ) {
    this.joinFiles = dirs.map((dir) => join(dir.path, joinFile(dir)));
  }

  /** Sets what the box may use: before its program exists (the box may have been made ahead). */
  limit(resources: BoxResources): void {
    try {
      for (const dir of this.dirs) limitBoxCgroup(dir, resources);
    } catch (err) {
      throw new SandboxError(`cannot limit the box's cgroup: ${(err as Error).message}`);
    }
  }

  /** The cgroup's folders, one per hierarchy (v2: one), for the log and the tests. */
  get paths(): string[] {
    return this.dirs.map((d) => d.path);
  }

  /**
   * After the box: confirms no process of it is left (killing any that is, and waiting for it),
   * reads the OOM count, and removes the cgroup. The box's files are read only after this.
   */
  async release(): Promise<BoxCgroupReport> {
    let leftovers = 0;
    for (const dir of this.dirs) {
      const left = killAll(dir.path);
      if (left === 0) continue; // the usual case: one read of the cgroup, nothing to wait for
      leftovers = Math.max(leftovers, left);
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

function limitBoxCgroup(dir: BoxCgroupDir, r: BoxResources): void {
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

/**
 * Moving a whole process (`cgroup.procs`) takes the kernel's machine-wide thread-group lock for
 * writing, which waits out an RCU grace period: 6 to 16 ms of every run on the development VM
 * when runs are not back to back. v1's `tasks` moves only the writing thread, without that lock;
 * the launcher is single-threaded when it joins (box-setup.c), so the whole process moves.
 * cgroup v2 has no such file for a domain cgroup: there the `favordynmods` mount option keeps
 * the lock cheap (deploy/README.md).
 */
function joinFile(dir: BoxCgroupDir): string {
  return dir.v2 ? 'cgroup.procs' : 'tasks';
}

function readOomKills(dir: BoxCgroupDir): number {
  const text = safeRead(join(dir.path, dir.v2 ? 'memory.events' : 'memory.oom_control'));
  return Number(/^oom_kill (\d+)$/m.exec(text)?.[1] ?? 0);
}

function procs(path: string): number[] {
  return safeRead(join(path, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
}

/** SIGKILL to every process in the cgroup; returns how many there were. */
export function killAll(path: string): number {
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

export function tryRmdir(path: string): boolean {
  try {
    rmdirSync(path);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
