/**
 * `npm run bench -- save`: how many autosaves a second the platform takes on this machine, side
 * by side with what Postgres itself takes of the same write (the ceiling), in one run.
 *
 * - The ceiling: pgbench, 16 clients, each upserting a 2 KB row keyed by (user, lab), the shape
 *   of one save, into a table of its own in the platform's database.
 * - The platform: students signed up through the API, each with its own session cookie, saving
 *   a changed 2 KB program in a loop with the revision the last save answered (as the lab page
 *   does); saves/s and the latency of each save (p50, p99) from autocannon.
 *
 * Figures are printed, not asserted: timings depend on the machine.
 */
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';

const run = promisify(execFile);

const LAB = 'vector-add-cpp';
const PROGRAM_BYTES = 2048;
const SECONDS = 10;
const STUDENTS = [16, 32];
const PGBENCH_CLIENTS = 16;

jest.setTimeout(600_000);

interface Student {
  cookie: string;
  revision: number;
  saves: number;
}

/** A 2 KB program that differs on every save, as an edited one does. */
function program(student: number, save: number): string {
  const head = `// student ${student}, save ${save}\n`;
  return head + 'x'.repeat(PROGRAM_BYTES - head.length - 1) + '\n';
}

describe('autosave throughput', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ LOGIN_MAX_FAILURES: '100000' }, { worker: false, grader: false });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** Postgres alone: upserts a second of a 2 KB row, 16 clients (the most the gateway could ask of it). */
  async function postgresCeiling(): Promise<number> {
    const db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    await db.query(
      `CREATE TABLE IF NOT EXISTS bench_saves (user_id int, mp_id text, text text NOT NULL, revision int NOT NULL, saved_at timestamptz NOT NULL, PRIMARY KEY (user_id, mp_id))`,
    );
    await db.end();
    const dir = mkdtempSync(join(tmpdir(), 'wb-bench-save-'));
    try {
      const script = join(dir, 'save.sql');
      writeFileSync(
        script,
        [
          '\\set uid random(1, 10000)',
          // 64 × 32 characters: 2 KB, different per user.
          `INSERT INTO bench_saves (user_id, mp_id, text, revision, saved_at) VALUES (:uid, '${LAB}', repeat(md5(:uid::text), 64), 1, now())`,
          '  ON CONFLICT (user_id, mp_id) DO UPDATE SET text = EXCLUDED.text, revision = bench_saves.revision + 1, saved_at = now();',
          '',
        ].join('\n'),
      );
      const url = new URL(platform.env.DATABASE_URL!);
      const { stdout } = await run('pgbench', [
        '-n',
        '-c',
        String(PGBENCH_CLIENTS),
        '-j',
        '2',
        '-T',
        String(SECONDS),
        '-f',
        script,
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        url.username,
        url.pathname.slice(1),
      ]);
      const tps = /tps = ([\d.]+)/.exec(stdout);
      if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
      return Number(tps[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function signUp(count: number, runId: string): Promise<Student[]> {
    const students: Student[] = [];
    for (let i = 0; i < count; i++) {
      const browser = platform.client();
      const signup = await browser.post('/signup', { user: `save_${runId}_${i}`, pass: 'correct horse battery' });
      if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${signup.text}`);
      const cookie = signup.headers.get('set-cookie')?.split(';')[0];
      if (!cookie) throw new Error('signup set no session cookie');
      students.push({ cookie, revision: 0, saves: 0 });
    }
    return students;
  }

  /**
   * Every student saving in a loop, one save in flight each (autocannon's connections): a student
   * is taken from the free ones for a request and given back with its new revision.
   */
  async function saveLoad(students: Student[]): Promise<{ savesPerS: number; p50: number; p99: number; errors: number }> {
    const free = students.map((_, i) => i);
    const result = await autocannon({
      url: `${platform.baseUrl}/mp/${LAB}/save`,
      connections: students.length,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context) => {
            const id = free.shift()!;
            const student = students[id];
            (context as { student?: number }).student = id;
            return {
              ...request,
              headers: { ...request.headers, 'content-type': 'application/json', accept: 'application/json', cookie: student.cookie },
              body: JSON.stringify({ program: program(id, student.saves), revision: student.revision }),
            };
          },
          onResponse: (status, body, context) => {
            const id = (context as { student: number }).student;
            const student = students[id];
            if (status === 200) {
              student.revision = JSON.parse(body).revision;
              student.saves += 1;
            }
            free.push(id);
          },
        },
      ],
    });
    return {
      savesPerS: result.requests.total / SECONDS,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
    };
  }

  it(`prints the gateway's saves/s and latency beside Postgres's own upserts/s`, async () => {
    const ceiling = await postgresCeiling();
    const rows: string[][] = [['Postgres alone (pgbench)', `${PGBENCH_CLIENTS} clients`, ceiling.toFixed(0), '', '', '', '', '']];
    for (const count of STUDENTS) {
      const students = await signUp(count, `${count}_${process.pid}`);
      const load = await saveLoad(students);
      rows.push([
        'gateway: POST /mp/:id/save',
        `${count} students`,
        load.savesPerS.toFixed(0),
        (load.savesPerS / ceiling).toFixed(2),
        load.p50.toFixed(1),
        load.p99.toFixed(1),
        String(load.errors),
      ]);
      // Nothing a student was told was saved is missing: the stored program is the last one
      // acknowledged, or the one still in flight when the load stopped (sent, answer not read).
      const api = new HttpClient(platform.baseUrl);
      let lost = 0;
      for (const [i, student] of students.entries()) {
        const stored = (await api.get(`/mp/${LAB}/program`, { cookie: student.cookie })).body;
        const acknowledged = student.saves === 0 ? stored.fromTemplate : stored.program === program(i, student.saves - 1);
        const inFlight = stored.program === program(i, student.saves) && stored.revision === student.revision + 1;
        if (!(acknowledged && stored.revision === student.revision) && !inFlight) lost += 1;
      }
      rows[rows.length - 1].push(String(lost));
      expect(lost).toBe(0);
    }
    const header = ['what', 'load', 'per s', '× ceiling', 'p50 ms', 'p99 ms', 'errors', 'lost'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
    process.stdout.write(`\n${[line(header), ...rows.map(line)].join('\n')}\n`);
  });
});
