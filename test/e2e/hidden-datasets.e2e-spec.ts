import { randomBytes } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import { LEAKY_PROGRAM as LEAKY } from '../support/leaky-program';
import { startPlatform, TestPlatform } from '../support/platform';

const LAB = 'vector-add-cpp';
/** vector-add-cpp's hidden datasets are 6 (65537 elements) and 7 (100003). */
const HIDDEN_LENGTHS = ['65537', '100003'];
const PUBLIC_LENGTH = '4097'; // dataset 5

jest.setTimeout(180_000);

describe('hidden datasets stay hidden from students', () => {
  let platform: TestPlatform;
  let student: HttpClient;
  let admin: HttpClient;
  let studentAttempt: string;
  let adminAttempt: string;

  async function graded(client: HttpClient): Promise<string> {
    const started = await client.post(`/mp/${LAB}/grade`, { program: LEAKY });
    expect(started.status).toBe(202);
    await platform.waitForRun(started.body.attemptId);
    return started.body.attemptId as string;
  }

  beforeAll(async () => {
    platform = await startPlatform();
    student = platform.client();
    const username = `h${randomBytes(5).toString('hex')}`;
    expect((await student.post('/signup', { user: username, pass: 'correct horse battery' })).status).toBe(201);
    admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    [studentAttempt, adminAttempt] = await Promise.all([graded(student), graded(admin)]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** What the program printed, logged or stderr'd on a hidden dataset (LEN=, ERRLEN=, LOGLEN=). */
  const leaksOfHidden = (text: string) => HIDDEN_LENGTHS.filter((n) => text.includes(`LEN=${n}`));

  it('shows a student every public run and nothing of a hidden one: JSON', async () => {
    const attempt = (await student.get(`/mp/${LAB}/attempt/${studentAttempt}`)).body;
    expect(attempt.status).toBe('failed');
    expect(attempt.results.map((r: { dataset: number }) => r.dataset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(leaksOfHidden(JSON.stringify(attempt))).toEqual([]);
    // The public runs are all there: output, timers, logs and comparison messages.
    expect(attempt.output).toContain(`LEN=${PUBLIC_LENGTH}`);
    expect(attempt.output).toContain(`ERRLEN=${PUBLIC_LENGTH}`);
    expect(attempt.logs.map((l: { message: string }) => l.message)).toContain(`LOGLEN=${PUBLIC_LENGTH}`);
    expect(attempt.timers).toHaveLength(6);
    expect(attempt.results[5].message).toMatch(/expected/);
    // A hidden run: its name, verdict and time, nothing it printed or was compared with.
    for (const [i, hidden] of attempt.results.slice(6).entries())
      expect(hidden).toEqual({
        dataset: 6 + i,
        status: 'failed',
        passed: false,
        timeMs: expect.any(Number),
        message: 'the output did not match the expected one',
      });
  });

  it('shows a student nothing of a hidden run on the attempt page, in its live updates or in the grade', async () => {
    const page = await student.get(`/mp/${LAB}/attempt/${studentAttempt}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`LEN=${PUBLIC_LENGTH}`);
    expect(leaksOfHidden(page.text)).toEqual([]);
    const events = await student.get(`/mp/${LAB}/attempt/${studentAttempt}/events`, { accept: 'text/event-stream' });
    expect(events.text).toContain('event: status');
    expect(leaksOfHidden(events.text)).toEqual([]);
    const grade = (await student.get(`/grade/${LAB}`)).body;
    const hiddenItems = grade.items.filter((i: { name: string }) => i.name.includes('(hidden)'));
    expect(hiddenItems.map((i: { message: string }) => i.message)).toEqual(['failed', 'failed']);
  });

  it('shows staff the same kind of attempt in full', async () => {
    const attempt = (await admin.get(`/mp/${LAB}/attempt/${adminAttempt}`)).body;
    for (const n of HIDDEN_LENGTHS) expect(attempt.output).toContain(`LEN=${n}`);
    expect(attempt.results[7].message).toMatch(/expected/);
    expect(attempt.logs.map((l: { message: string }) => l.message)).toContain('LOGLEN=100003');
    expect(attempt.timers).toHaveLength(8);
  });
});
