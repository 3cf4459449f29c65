/**
 * `npm run bench`: a similarity report of a lab with 20 and with 500 students, three times each,
 * timed from the staff's request to the report being done (the grader's job: counting programs
 * read from Postgres, the analysis process, the pairs stored). Target: 500 under a minute.
 * Figures are printed, not asserted: timings depend on the machine.
 */
import { Client } from 'pg';
import { seedGradedProgram } from '../support/graded-programs';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { CORPUS_LAB, syntheticSubmissions } from '../support/similarity-corpus';

const RUNS = 3;

jest.setTimeout(900_000);

describe('similarity report benchmark', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
    db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  /** Students with a graded program of the lab, written straight to the tables (signing 500 up would time scrypt). */
  async function seedStudents(programs: string[]): Promise<void> {
    await db.query(`DELETE FROM grades; DELETE FROM attempts`);
    for (const [i, program] of programs.entries()) {
      await seedGradedProgram(db, { username: `bench-${i}`, mpId: CORPUS_LAB, program, newUser: true });
    }
  }

  async function timeReport(): Promise<{ seconds: number; pairs: number }> {
    const started = performance.now();
    const requested = await admin.post(`/staff/similarity/${CORPUS_LAB}/reports`);
    expect(requested.status).toBe(202);
    for (;;) {
      const report = (await admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${requested.body.id}?threshold=1`)).body;
      if (report.state === 'done') return { seconds: (performance.now() - started) / 1000, pairs: report.pairsKept };
      if (report.state === 'failed') throw new Error(`report failed: ${report.error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('prints how long a report takes for 20 and for 500 students', async () => {
    const rows: [string, string][] = [];
    for (const students of [20, 500]) {
      await seedStudents(syntheticSubmissions(students));
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeReport());
      rows.push([`${students} students`, `${runs.map((r) => `${r.seconds.toFixed(1)} s`).join(' / ')}  (${runs[0].pairs} pairs kept)`]);
    }
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(
      `\nsimilarity report, request to done (${RUNS} runs)\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n\n`,
    );
  });
});
