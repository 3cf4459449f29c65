/**
 * `npm run bench -- save`: how many autosaves a second the platform takes on this machine, side
 * by side with what Postgres itself takes of the same write (the ceiling), in one run.
 *
 * - The ceiling: pgbench, 16 clients, each upserting a 2 KB row keyed by (user, lab), the shape
 *   of one save, into a table of its own in the platform's database.
 * - The platform: students signed up through the API, each with its own session cookie, saving
 *   a changed 2 KB program in a loop with the revision the last save answered (as the lab page
 *   does); saves/s and the latency of each save (p50, p99) from autocannon.
 * - The soak: a class of 10,000 students (accounts and sessions made up front, in Postgres, as a
 *   sign-up would leave them, and each student's first save made before the measured minute, as
 *   a class signed in before a deadline has), each saving a changed program every 3 s for 60 s
 *   over 100 keep-alive connections (what a reverse proxy in front of the gateways holds), the
 *   gateway on every core as `npm start` runs it. Afterwards every student's stored program must be the last
 *   one that student was told was saved (or the one still in flight when the load stopped).
 *
 * Figures are printed, not asserted: timings depend on the machine.
 */
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { formatTable } from '../support/bench-table';
import { startPlatform, TestPlatform } from '../support/platform';

const run = promisify(execFile);

const LAB = 'vector-add-cpp';
const PROGRAM_BYTES = 2048;
const SECONDS = 10;
const STUDENTS = [16, 32, 64];
const PGBENCH_CLIENTS = 16;
const SOAK_STUDENTS = 10_000;
const SOAK_SAVE_EVERY_S = 3;
const SOAK_SECONDS = 60;
const SOAK_CONNECTIONS = 100;

jest.setTimeout(600_000);

interface Student {
  username: string;
  cookie: string;
  /** The revision the last acknowledged save answered. */
  revision: number;
  /** Saves acknowledged so far: the last one stored `program(i, saves - 1)`. */
  saves: number;
}

interface LoadResult {
  savesPerS: number;
  p50: number;
  p99: number;
  errors: number;
}

interface LoadShape {
  connections: number;
  seconds: number;
  /** Stop after this many saves rather than after `seconds`. */
  amount?: number;
  /** Saves a second offered by the whole class; absent: each connection saves again as soon as answered. */
  rate?: number;
}

/** A 2 KB program that differs on every save, as an edited one does. */
function program(student: number, save: number): string {
  const head = `// student ${student}, save ${save}\n`;
  return head + 'x'.repeat(PROGRAM_BYTES - head.length - 1) + '\n';
}

describe('autosave throughput', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform(
      { LOGIN_MAX_FAILURES: '100000', GATEWAY_PROCESSES: String(availableParallelism()) },
      { worker: false, grader: false },
    );
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
      const username = `save_${runId}_${i}`;
      const signup = await platform.client().post('/signup', { user: username, pass: 'correct horse battery' });
      if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${signup.text}`);
      const cookie = signup.headers.get('set-cookie')?.split(';')[0];
      if (!cookie) throw new Error('signup set no session cookie');
      students.push({ username, cookie, revision: 0, saves: 0 });
    }
    return students;
  }

  /**
   * A class of accounts with a session each, written to Postgres as sign-up and sign-in leave
   * them (a session row keyed by the HMAC of the cookie's value), without paying for 10,000
   * password hashes. Redis holds none of them yet: their first request asks Postgres.
   */
  async function enrol(count: number, runId: string): Promise<Student[]> {
    const students = Array.from({ length: count }, (_, i) => {
      const sessionId = randomBytes(32).toString('base64url');
      return { username: `soak_${runId}_${i}`, sessionId, cookie: `wb_session=${sessionId}`, revision: 0, saves: 0 };
    });
    const db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query(
        `WITH made AS (
           INSERT INTO users (username, password_hash, role, api_key_hash, api_key_sealed)
           SELECT name, NULL, 'student', encode(sha256(convert_to(name, 'UTF8')), 'hex'), 'unsealed'
             FROM unnest($1::text[]) AS name
           RETURNING id, username)
         INSERT INTO sessions (id, user_id, expires_at)
         SELECT s.mac, made.id, now() + interval '1 day' FROM unnest($1::text[], $2::text[]) AS s (username, mac) JOIN made USING (username)`,
        [
          students.map((s) => s.username),
          students.map((s) => createHmac('sha256', platform.env.SESSION_SECRET!).update(s.sessionId).digest('base64url')),
        ],
      );
    } finally {
      await db.end();
    }
    return students.map(({ sessionId: _, ...student }) => student);
  }

  /**
   * The class saving: each save goes to the student at the head of the queue, who goes to its
   * tail once answered (with the revision the save answered), so no student ever has two saves in
   * flight, and with a rate each of N students saves about every N/rate seconds.
   */
  async function saveLoad(students: Student[], shape: LoadShape): Promise<LoadResult> {
    const queue = students.map((_, i) => i);
    const result = await autocannon({
      url: `${platform.baseUrl}/mp/${LAB}/save`,
      connections: shape.connections,
      duration: shape.seconds,
      ...(shape.amount ? { amount: shape.amount } : {}),
      ...(shape.rate ? { overallRate: shape.rate } : {}),
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context) => {
            const id = queue.shift()!;
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
            queue.push(id);
          },
        },
      ],
    });
    return {
      savesPerS: result.requests.total / shape.seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
    };
  }

  /**
   * Students whose stored program is not what they were last told was saved: it must be the last
   * acknowledged one at its revision, or the one still in flight when the load stopped (sent,
   * stored, answer not read) at the next revision.
   */
  async function lostSaves(students: Student[]): Promise<number> {
    const db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ username: string; text: string | null; revision: number | null }>(
        `SELECT u.username, p.text, p.revision FROM users u LEFT JOIN programs p ON p.user_id = u.id AND p.mp_id = $2
          WHERE u.username = ANY($1::text[])`,
        [students.map((s) => s.username), LAB],
      );
      const stored = new Map(rows.map((row) => [row.username, row]));
      return students.filter((student, i) => {
        const row = stored.get(student.username);
        const acknowledged =
          student.saves === 0 ? row?.text == null : row?.text === program(i, student.saves - 1) && row.revision === student.revision;
        const inFlight = row?.text === program(i, student.saves) && row.revision === student.revision + 1;
        return !acknowledged && !inFlight;
      }).length;
    } finally {
      await db.end();
    }
  }

  it(`prints the gateway's saves/s and latency beside Postgres's own upserts/s`, async () => {
    const ceiling = await postgresCeiling();
    const rows: string[][] = [['Postgres alone (pgbench)', `${PGBENCH_CLIENTS} clients`, ceiling.toFixed(0), '', '', '', '', '']];
    const row = (what: string, load: string, result: LoadResult, lost: number) => [
      what,
      load,
      result.savesPerS.toFixed(0),
      (result.savesPerS / ceiling).toFixed(2),
      result.p50.toFixed(1),
      result.p99.toFixed(1),
      String(result.errors),
      String(lost),
    ];
    let lost = 0;
    for (const count of STUDENTS) {
      const students = await signUp(count, `${count}_${process.pid}`);
      const result = await saveLoad(students, { connections: count, seconds: SECONDS });
      const missing = await lostSaves(students);
      lost += missing;
      rows.push(row('gateway: POST /mp/:id/save', `${count} students`, result, missing));
    }

    const classOf = await enrol(SOAK_STUDENTS, `${process.pid}`);
    // The class is signed in before the deadline hour starts, as a real one is: one save each, not
    // measured, takes every session from Postgres into the session cache as a first request would.
    await saveLoad(classOf, { connections: SOAK_CONNECTIONS, seconds: SOAK_SECONDS, amount: SOAK_STUDENTS });
    const offered = SOAK_STUDENTS / SOAK_SAVE_EVERY_S;
    const soak = await saveLoad(classOf, { connections: SOAK_CONNECTIONS, seconds: SOAK_SECONDS, rate: offered });
    const missing = await lostSaves(classOf);
    lost += missing;
    rows.push(row(`soak: ${SOAK_SECONDS} s, a save every ${SOAK_SAVE_EVERY_S} s each`, `${SOAK_STUDENTS} students`, soak, missing));
    const header = ['what', 'load', 'per s', '× ceiling', 'p50 ms', 'p99 ms', 'errors', 'lost'];
    process.stdout.write(
      `\n${formatTable(header, rows)}\n` + `soak: ${offered.toFixed(0)} saves/s offered; gateway on ${availableParallelism()} processes\n`,
    );
    expect(lost).toBe(0);
  });
});
