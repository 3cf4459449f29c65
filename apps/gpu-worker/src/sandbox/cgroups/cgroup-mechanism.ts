import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, ownCgroups, OwnCgroups } from './cgroup-paths';

/** How the boxes' resources are limited on this host: see deploy/README.md, "The sandbox's host requirements". */
export type CgroupMechanism =
  | { kind: 'cgroup v2'; parent: string; controllers: Controller[] }
  | { kind: 'cgroup v1'; parents: Partial<Record<Controller, string>> }
  | { kind: 'none'; why: string };

/**
 * Finds the worker's own cgroups and what it may do in them; never throws. cgroup v2 first; the
 * v1 `memory` and `pids` hierarchies (and `cpu` if present) where only those are writable; none
 * where neither is, with the reasons.
 */
export function detectCgroupMechanism(): CgroupMechanism {
  let own: OwnCgroups;
  try {
    own = ownCgroups(readFileSync('/proc/self/mountinfo', 'utf8'), readFileSync('/proc/self/cgroup', 'utf8'));
  } catch (err) {
    return { kind: 'none', why: `cannot read this process's cgroups: ${(err as Error).message}` };
  }
  const v2 = own.v2 ? delegatedV2(own.v2) : { why: 'no cgroup v2 hierarchy is mounted' };
  if ('parent' in v2) return { kind: 'cgroup v2', ...v2 };
  const v1 = writableV1(own);
  if ('parents' in v1) return { kind: 'cgroup v1', parents: v1.parents };
  return { kind: 'none', why: `cgroup v2: ${v2.why}; cgroup v1: ${v1.why}` };
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

export function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
