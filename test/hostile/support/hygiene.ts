import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Live processes (zombies excluded: they are already dead) of `uids` that belong to this suite:
 * their command line, executable, folder or environment names `marker` (the suite's scratch
 * folder: every run's paths and its WB_REPORT_FILE or TMPDIR, which children inherit). Other
 * sandboxes on a shared machine run as the same uid and are not ours to judge.
 */
export function processesOf(uids: number[], marker: string, waitingBoxes: number[] = []): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (withinAny(Number(pid), waitingBoxes)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const realUid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const state = /^State:\s+(\S)/m.exec(status)?.[1];
      if (!uids.includes(realUid) || state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      const places = [cmdline, environ, readlinkOrEmpty(`/proc/${pid}/exe`), readlinkOrEmpty(`/proc/${pid}/cwd`)];
      if (places.some((p) => p.includes(marker))) found.push(`${pid} ${cmdline}`);
    } catch {
      /* it ended while we looked */
    }
  }
  return found;
}

function readlinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/**
 * Whether `pid` is one of `roots` or descends from one: a box made ahead (the launcher outside,
 * the box's pid 1 inside) waits for a run and holds none, so it is no run's leftover.
 */
function withinAny(pid: number, roots: number[]): boolean {
  for (let current = pid, hops = 0; current > 1 && hops < 64; hops++) {
    if (roots.includes(current)) return true;
    try {
      current = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${current}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Live children of this test process and of the sandboxes' box spawners (which start the
 * launchers), but the spawners themselves and the boxes made ahead that wait for a run.
 */
export function childrenOfThisProcess(waitingBoxes: number[] = []): string[] {
  const found: string[] = [];
  const processes = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(pid), name: stat.slice(stat.indexOf('('), stat.lastIndexOf(')') + 1), state, ppid: Number(ppid) }];
      } catch {
        return []; // it ended while we looked
      }
    })
    .filter((p) => p.state !== 'Z');
  const spawners = processes.filter((p) => p.ppid === process.pid && p.name === '(wb-box-spawner)').map((p) => p.pid);
  const parents = [process.pid, ...spawners];
  for (const p of processes)
    if (parents.includes(p.ppid) && !spawners.includes(p.pid) && !waitingBoxes.includes(p.pid)) found.push(`${p.pid} ${p.name}`);
  return found;
}

/**
 * The box's processes are killed when its pid 1 dies, by the kernel, a moment after the worker
 * has seen the launcher exit; give them that moment before calling them leftovers.
 */
export async function eventually(find: () => string[], withinMs = 2_000): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  let found = find();
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    found = find();
  }
  return found;
}

/** Names, sizes and modification times: what a write into the folder would change. */
export function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const info = lstatSync(join(dir, name));
      return `${name} ${info.size} ${info.mtimeMs}`;
    })
    .join('\n');
}

/** Entries of `dir` owned by one of `uids` (the sandbox must not be able to leave any in the host's /tmp). */
export function ownedBy(dir: string, uids: number[]): string[] {
  return readdirSync(dir).filter((name) => {
    try {
      return uids.includes(lstatSync(join(dir, name)).uid);
    } catch {
      return false;
    }
  });
}

export function existing(paths: string[]): string[] {
  return paths.filter((p) => existsSync(p));
}
