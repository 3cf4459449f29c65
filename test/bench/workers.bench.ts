/**
 * `npm run bench -- workers`: whether attempts/s grows in step with the worker's slots, and what
 * the platform itself adds to each attempt, with programs that sleep 200 ms (the CPU is not the
 * limit: a slot is busy waiting, as with a student's GPU kernel or a slow program).
 *
 * - The program: vector-add-cpp's reference solution that sleeps 200 ms (usleep, declared by
 *   hand: the lab allows no <unistd.h>) before writing its answer, so every attempt passes. One
 *   source for every attempt, submitted once before the rows: the worker's compile cache (keyed
 *   by the source, the compiler and libwb, not the student) then skips g++ for every measured
 *   attempt. A compile costs about a second of CPU on this 2-core machine and would make the
 *   compiler, not the slots, the limit; the cache is the platform's own path for a resubmission.
 * - Per row: a worker started afresh with WORKER_CONCURRENCY = 1, 2, 4, 8 slots, and as many
 *   students, each submitting over HTTP (`POST /mp/:id/submit`, dataset 0: one run) and
 *   submitting again as soon as its attempt's run job has finished (BullMQ's events): a closed
 *   loop that keeps every slot busy and the queue otherwise empty, so that no attempt's time
 *   includes waiting behind another. One round first, not counted, warms the new worker.
 *   attempts/s is the sum of each student's own rate (its attempts over the time from its first
 *   submission to its last finish), which is the rate of N slots kept busy: a student is a slot.
 *   The row's attempts over the time until the slowest student's last finish would also count the
 *   end of the row, where the other students have finished and their slots idle; that wait grows
 *   with N (the slowest of 8 students, not of 1) and is a property of the closed loop, not of the
 *   worker. "row s" is that whole time, for reference.
 * - The platform's overhead per attempt, from the attempt's own row in Postgres: finished_at −
 *   created_at (both the database's clock), less the time the worker measured for the run
 *   (results[].timeMs: from handing the request to the box to the box's end, so the box's own
 *   set-up inside it counts as run, as the platform shows it; "run p50" is that time). The platform records
 *   no compile duration (the attempt has created_at, started_at, finished_at and each dataset's
 *   timeMs, nothing for the compile); with the cache the compile is a lookup and a link, which is
 *   counted as overhead. "pickup" is created_at → started_at: until the gateway has recorded the
 *   worker's first progress report, "running" for a cached compile (queue hand-over, the run
 *   directory, the cache lookup, plus one HTTP hop).
 * - Where the CPU goes, from /proc: the platform's CPU time per attempt (the gateway's processes,
 *   the worker and the sandbox launchers it ran; Postgres, Redis and this test's client not
 *   counted) and how busy the machine's cores were during the row (everything on the machine,
 *   this test and anything else running included). A row whose cores are near 100 % is limited
 *   by the CPU, whatever the slots: each attempt costs the platform that much CPU besides the
 *   program's sleep.
 *
 * Figures are printed, not asserted: timings depend on the machine. Asserted: every attempt
 * submitted was accepted, finished and passed (none lost, none failed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { HttpClient } from '../support/http-client';
import { formatTable } from '../support/bench-table';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
const SLOTS = [1, 2, 4, 8];
/** Attempts each student (one per slot) submits in a measured row. */
const ATTEMPTS_PER_SLOT = 16;
const SLEEP_MS = 200;
/** Target: N slots give at least this fraction of N times the one-slot throughput. */
const SCALING_TARGET = 0.9;

jest.setTimeout(600_000);

/** The reference solution, which sleeps before it answers: a slot is busy, the CPU is not. */
function sleepingSolution(): string {
  const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
  const slowed = solution
    .replace('int main(', `extern "C" int usleep(unsigned int usec);\n\nint main(`)
    .replace('  wbSolution(args,', `  usleep(${SLEEP_MS * 1000});\n  wbSolution(args,`);
  if (!slowed.includes(`usleep(${SLEEP_MS * 1000});`)) throw new Error(`${LAB}'s solution changed: no place for the sleep`);
  return slowed;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Clock ticks per second of /proc's CPU times. */
const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** /proc/<pid>/stat's fields after the command name: [2] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone meanwhile
  }
}

/**
 * CPU milliseconds used so far by the processes under these roots: each one's own, and the
 * reaped children's it waited for (the worker's sandbox launchers). Null without /proc.
 */
function treeCpuMs(roots: number[]): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  let ticks = 0;
  const visit = (pid: number) => {
    const f = statFields(pid);
    if (f) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  roots.forEach(visit);
  return (ticks * 1000) / TICKS_PER_S;
}

/** The machine's CPU ticks so far: [busy, all]. Null without /proc. */
function machineTicks(): [number, number] | null {
  if (!existsSync('/proc/stat')) return null;
  // user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0); // idle and iowait
  const all = ticks.reduce((sum, t) => sum + t, 0);
  return [all - idle, all];
}

interface AttemptTimes {
  status: string;
  finished: boolean;
  totalMs: number;
  runMs: number;
  pickupMs: number;
}

describe('workers in step', () => {
  let platform: TestPlatform;
  let db: Client;
  const program = sleepingSolution();
  const students: HttpClient[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ SUBMIT_INTERVAL_MS: '0' }, { grader: false, worker: false });
    db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    for (let i = 0; i < Math.max(...SLOTS); i++) {
      const student = platform.client();
      const signup = await student.post('/signup', { user: `workers_${process.pid}_${i}`, pass: 'correct horse battery' });
      if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${signup.text}`);
      students.push(student);
    }
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  /** Submits and waits for the run job to finish; the attempt's id. */
  async function attempt(student: HttpClient): Promise<string> {
    const submitted = await student.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
    if (submitted.status !== 202) throw new Error(`submit answered ${submitted.status}: ${submitted.text}`);
    const id = submitted.body.attemptId as string;
    await platform.waitForRun(id, 60_000);
    return id;
  }

  /**
   * Each of the first `count` students submitting `each` attempts one after another: the ids,
   * the sum of the students' own rates (attempts/s), and the seconds until the last one finished.
   */
  async function round(count: number, each: number): Promise<{ ids: string[]; rate: number; seconds: number }> {
    const started = performance.now();
    const own = await Promise.all(
      students.slice(0, count).map(async (student) => {
        const ids: string[] = [];
        for (let i = 0; i < each; i++) ids.push(await attempt(student));
        return { ids, seconds: (performance.now() - started) / 1000 };
      }),
    );
    return {
      ids: own.flatMap((student) => student.ids),
      rate: own.reduce((sum, student) => sum + student.ids.length / student.seconds, 0),
      seconds: (performance.now() - started) / 1000,
    };
  }

  async function times(ids: string[]): Promise<AttemptTimes[]> {
    const { rows } = await db.query<{ status: string; finished: boolean; total_ms: number; pickup_ms: number; run_ms: number }>(
      `SELECT status, finished_at IS NOT NULL AS finished,
              (extract(epoch FROM finished_at - created_at) * 1000)::float8 AS total_ms,
              (extract(epoch FROM started_at - created_at) * 1000)::float8 AS pickup_ms,
              (SELECT coalesce(sum((r->>'timeMs')::float8), 0) FROM jsonb_array_elements(results) r) AS run_ms
         FROM attempts WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ status: r.status, finished: r.finished, totalMs: r.total_ms, runMs: r.run_ms, pickupMs: r.pickup_ms }));
  }

  it(`prints attempts/s with ${SLOTS.join(', ')} slots and the platform's overhead per attempt`, async () => {
    const rows: string[][] = [];
    let oneSlot = 0;
    for (const slots of SLOTS) {
      const worker = await platform.startWorker(`bench-${slots}-${process.pid}`, { WORKER_CONCURRENCY: String(slots) });
      try {
        // The first round fills the compile cache (the very first attempt compiles) and warms the worker.
        await round(slots, 1);
        const pids = [platform.gateway.child.pid!, worker.app.child.pid!];
        const [cpuBefore, machineBefore] = [treeCpuMs(pids), machineTicks()];
        const { ids, rate, seconds } = await round(slots, ATTEMPTS_PER_SLOT);
        const [cpuAfter, machineAfter] = [treeCpuMs(pids), machineTicks()];
        const measured = await times(ids);
        const passed = measured.filter((t) => t.finished && t.status === 'passed').length;
        if (slots === 1) oneSlot = rate;
        const overhead = measured.map((t) => t.totalMs - t.runMs);
        const runs = measured.map((t) => t.runMs);
        const pickups = measured.map((t) => t.pickupMs);
        const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / ids.length;
        const busy =
          machineBefore === null || machineAfter === null
            ? null
            : (machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1]);
        rows.push([
          String(slots),
          String(ids.length),
          rate.toFixed(2),
          seconds.toFixed(2),
          `${(rate / oneSlot).toFixed(2)}×`,
          `${(SCALING_TARGET * slots).toFixed(1)}×`,
          rate / oneSlot >= SCALING_TARGET * slots ? 'yes' : 'NO',
          percentile(overhead, 50).toFixed(1),
          percentile(overhead, 99).toFixed(1),
          percentile(runs, 50).toFixed(1),
          percentile(pickups, 50).toFixed(1),
          cpu === null ? '–' : cpu.toFixed(1),
          busy === null ? '–' : `${(busy * 100).toFixed(0)} %`,
          `${passed}/${ids.length}`,
        ]);
        expect(measured).toHaveLength(ids.length);
        expect(passed).toBe(ids.length);
      } finally {
        await worker.app.stop();
      }
    }
    const header = [
      'slots',
      'attempts',
      'attempts/s',
      'row s',
      '× one slot',
      'target',
      'meets',
      'overhead p50 ms',
      'overhead p99 ms',
      'run p50 ms',
      'pickup p50 ms',
      'platform CPU ms/attempt',
      'cores busy',
      'passed',
    ];
    process.stdout.write(`\n${formatTable(header, rows)}\n\n`);
  });
});
