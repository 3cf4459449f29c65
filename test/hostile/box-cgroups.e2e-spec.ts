import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoxCgroups } from '../../apps/gpu-worker/src/sandbox/cgroups/box-cgroups';

/**
 * The box's cgroup on this host's real cgroupfs: its limits as written, a process left in it
 * killed before the worker reads anything, and the OOM count that makes a verdict memory_limit.
 */
const cgroups = BoxCgroups.detect();
const MIB = 1024 * 1024;

(cgroups.available ? describe : describe.skip)(`the box's cgroup (${cgroups.description})`, () => {
  const file = (cgroup: { paths: string[] }, name: string) => cgroup.paths.map((p) => join(p, name)).find((f) => existsSync(f))!;

  it('sets memory and pids limits and kills what outlives the box, reporting it', async () => {
    const cgroup = cgroups.create()!;
    cgroup.limit({ memoryBytes: 64 * MIB, pids: 10, cpus: 1 });
    const v2 = cgroups.mechanism.kind === 'cgroup v2';
    expect(Number(readFileSync(file(cgroup, v2 ? 'memory.max' : 'memory.limit_in_bytes'), 'utf8'))).toBe(64 * MIB);
    expect(readFileSync(file(cgroup, 'pids.max'), 'utf8').trim()).toBe('10');

    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    for (const file of cgroup.joinFiles) writeFileSync(file, String(sleeper.pid));
    const exited = once(sleeper, 'exit');
    const report = await cgroup.release();
    expect(report).toEqual({ oomKills: 0, leftovers: 1 });
    expect((await exited)[1]).toBe('SIGKILL');
    // Removed off the verdict's path, once the kernel lets go of it.
    for (let i = 0; i < 50 && cgroup.paths.some(existsSync); i++) await new Promise((r) => setTimeout(r, 50));
    expect(cgroup.paths.filter(existsSync)).toEqual([]);
  });

  it('counts the OOM kills of a box whose memory ran out', async () => {
    const cgroup = cgroups.create()!;
    cgroup.limit({ memoryBytes: 32 * MIB, pids: 10, cpus: 1 });
    const procs = cgroup.joinFiles;
    // The shell joins the cgroup before it becomes the allocator, so every page is counted.
    const child = spawn('sh', ['-c', `read line; exec ${process.execPath} -e "const b = Buffer.alloc(256 << 20); b.fill(7)"`], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    for (const file of procs) writeFileSync(file, String(child.pid));
    child.stdin.end('go\n');
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');
    expect((await cgroup.release()).oomKills).toBeGreaterThanOrEqual(1);
  });
});

if (!cgroups.available) console.warn(`no cgroups here (${cgroups.description}): the box's cgroup is not tested`);
