import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastHealthEnv } from '../support/health-env';
import { HttpClient } from '../support/http-client';
import { startNotifier } from '../support/notifier';
import { startPlatform, TestPlatform, TestWorker } from '../support/platform';
import { AppProcess, freePort, ROOT } from '../support/processes';
import { ReportProxy, startReportProxy } from '../support/report-proxy';
import { SLOW_LAB, slowLabFolder, slowSolution } from '../support/slow-lab';
import { SmtpSink, smtpSink } from '../support/smtp-sink';

jest.setTimeout(240_000);

const LAB = 'vector-add-cpp';
const SOLUTION = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
const WB = join(ROOT, 'libs', 'libwb', 'build', 'wb');

/**
 * The reference solution, first printing what a hostile or merely odd program prints: NUL bytes,
 * invalid UTF-8, terminal escapes (colour, window title, a C1 CSI), JSON with `__proto__` and
 * `constructor.prototype` keys (which the gateway refuses as keys of a body, never as text in
 * one), a libwb log line with escapes and invalid UTF-8, and 10 MB of text, under the lab's
 * 16 MiB output limit.
 */
const POISON = SOLUTION.replace(
  /int main\(([^)]*)\) \{\n/,
  (m) => `${m}  {
    static const char odd[] = "\\n\\xff\\xfe\\xc3\\x28 \\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\xc2\\x9b2J NUL:\\0:end\\r\\n";
    fwrite(odd, 1, sizeof odd - 1, stdout);
    fwrite(odd, 1, sizeof odd - 1, stderr);
    static const char keys[] = "{\\"__proto__\\": {\\"admin\\": true}, \\"constructor\\": {\\"prototype\\": {}}}\\n";
    fwrite(keys, 1, sizeof keys - 1, stdout);
    wbLog(TRACE, "log \\x1b[2J \\xff");
    wbLog(TRACE, "{\\"__proto__\\": {\\"role\\": \\"admin\\"}}");
    static char line[1024];
    for (int i = 0; i < 1023; ++i) line[i] = 'x';
    line[1023] = '\\n';
    for (int i = 0; i < 10 * 1024; ++i) fwrite(line, 1, sizeof line, stdout);
  }
`,
);

/** A labs folder with vector-add-cpp as it is and the slowed-down lab (30 s per dataset). */
function labs(): string {
  const dir = slowLabFolder();
  cpSync(join(ROOT, 'mps', LAB), join(dir, LAB), { recursive: true });
  return dir;
}

/**
 * No single program can stall the judge: the gateway, a C++ worker with one slot (so that any
 * stall would show at once) reaching the gateway through a proxy that refuses chosen reports, the
 * notifier (which ends attempts whose job failed), all real processes on Postgres and Redis.
 */
describe('a judge that no single program can stall', () => {
  let platform: TestPlatform;
  let proxy: ReportProxy;
  let worker: TestWorker;
  let notifier: AppProcess;
  let sink: SmtpSink;
  let admin: HttpClient;
  let mps: string;
  let students = 0;

  beforeAll(async () => {
    mps = labs();
    sink = smtpSink(await freePort());
    await sink.start();
    platform = await startPlatform({ ...fastHealthEnv(sink.url), MPS_DIR: mps, STRANDED_ATTEMPT_AFTER_MS: '1000' }, { worker: false });
    proxy = await startReportProxy(() => platform.baseUrl);
    worker = await platform.startWorker(`judge-${process.pid}`, {
      GATEWAY_URL: proxy.url,
      WORKER_CONCURRENCY: '1',
      REPORT_DELIVERY_WINDOW_MS: '3000',
    });
    notifier = await startNotifier(platform.env);
    admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: 'admin-password-for-tests' })).status).toBe(200);
  });

  afterEach(() => proxy.setRule(() => 'forward'));

  afterAll(async () => {
    if (process.env.WB_TEST_DEBUG)
      for (const [name, app] of Object.entries({ gateway: platform?.gateway, worker: worker?.app, notifier }))
        writeFileSync(join(tmpdir(), `judge-${name}.log`), app?.log() ?? '');
    await notifier?.stop();
    await platform?.stop();
    await proxy?.close();
    await sink?.stop();
    rmSync(mps, { recursive: true, force: true });
  });

  async function newStudent(): Promise<{ http: HttpClient; apiKey: string; username: string }> {
    const username = `judge${++students}_${process.pid}`;
    const session = platform.client();
    expect((await session.post('/signup', { user: username, pass: 'correct horse battery' })).status).toBe(201);
    const apiKey = (await session.get('/whoami')).body.apiKey as string;
    return { http: platform.client().withHeaders({ authorization: `Bearer ${apiKey}` }), apiKey, username };
  }

  async function submit(student: HttpClient, program: string, dataset: number, lab = LAB): Promise<string> {
    const submitted = await student.post(`/mp/${lab}/submit`, { program, dataset });
    expect(submitted.status).toBe(202);
    return submitted.body.attemptId as string;
  }

  /** The attempt once it has a verdict: its event stream ends with it (no polling). */
  async function finished(student: HttpClient, attemptId: string, lab = LAB) {
    const events = await student.get(`/mp/${lab}/attempt/${attemptId}/events`, { accept: 'text/event-stream' });
    expect(events.status).toBe(200);
    return (await student.get(`/mp/${lab}/attempt/${attemptId}`)).body;
  }

  it('judges a program printing NUL, invalid UTF-8, escapes and 10 MB, shows it readably, and the next run is not held up', async () => {
    const poisoner = await newStudent();
    const next = await newStudent();
    const poisoned = await submit(poisoner.http, POISON, -1);
    const honest = await submit(next.http, SOLUTION, 0);

    const attempt = await finished(poisoner.http, poisoned);
    expect(attempt.status).toBe('passed');
    expect(attempt.results).toHaveLength(6);
    // Every byte is data: NUL and controls shown as pictures, invalid UTF-8 as U+FFFD, the length kept.
    expect(attempt.output).toContain('␀');
    expect(attempt.output).toContain('␛[31mred␛[0m');
    expect(attempt.output).toContain('␛]0;pwned␇');
    expect(attempt.output).toContain('\uFFFD');
    expect(attempt.output).toMatch(/NUL:␀:end/);
    expect(attempt.output).toMatch(/truncated: \d+ bytes in all/);
    expect(attempt.output).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(attempt.outputBytes).toBeGreaterThan(6 * 10 * 1024 * 1024);
    expect(Buffer.byteLength(attempt.output)).toBeLessThanOrEqual(257 * 1024);
    expect(JSON.stringify(attempt.logs)).toContain('log ␛[2J \uFFFD');
    // Text shaped like JSON with prototype keys is text: the report carrying it was taken as it was.
    expect(attempt.output).toContain('{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}');
    expect(attempt.logs.map((log: { message: string }) => log.message)).toContain('{"__proto__": {"role": "admin"}}');
    // No report was refused on the way: the gateway took it at the first try.
    expect(proxy.refused).toEqual([]);

    expect((await finished(next.http, honest)).status).toBe('passed');

    // The attempt page shows it as text (escaped, pictures visible).
    const session = platform.client();
    expect((await session.post('/login', { user: poisoner.username, pass: 'correct horse battery' })).status).toBe(200);
    const page = await session.get(`/mp/${LAB}/attempt/${poisoned}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('␛[31mred␛[0m');
    expect(page.text).not.toMatch(/[\u0000\u001b]/);
  });

  it('shows such output readably in the wb client', async () => {
    const student = await newStudent();
    const home = mkdtempSync(join(tmpdir(), 'wb-judge-client-'));
    try {
      // Not spawnSync: the proxy between the worker and the gateway lives in this process.
      const wb = async (args: string[]) => {
        const child = spawn(WB, args, {
          cwd: home,
          env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        const [status] = (await once(child, 'close')) as [number];
        return { status, stdout, stderr };
      };
      expect((await wb(['login', '--server', platform.baseUrl, '--key', student.apiKey])).status).toBe(0);
      expect((await wb(['pull', LAB])).status).toBe(0);
      writeFileSync(join(home, LAB, 'program.cpp'), POISON);
      const submitted = await wb(['submit', LAB, '--dataset', '0']);
      expect(submitted.stdout).toMatch(/passed/);
      expect(submitted.stdout).toContain('␛[31mred␛[0m');
      expect(submitted.stdout + submitted.stderr).not.toMatch(/[\u0000\u001b\u009b]/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('keeps a verdict the gateway will not take as a dead letter, frees the slot after the window, and staff can replay it', async () => {
    const unlucky = await newStudent();
    const next = await newStudent();
    let refusedId = '';
    proxy.setRule((r) => (r.attemptId === refusedId ? 500 : 'forward'));
    refusedId = await submit(unlucky.http, SOLUTION, 0);
    const behind = await submit(next.http, SOLUTION, 0);

    // The one-slot worker gives up on the report after its 3 s window and runs the next attempt.
    expect((await finished(next.http, behind)).status).toBe('passed');
    const lost = await finished(unlucky.http, refusedId);
    expect(lost.status).toBe('internal_error');
    expect(lost.output).toMatch(/could not run this attempt|could not record/);
    expect(proxy.refused.filter((r) => r.attemptId === refusedId && r.status === 'passed').length).toBeGreaterThan(1);

    const letters = await admin.get('/staff/dead-letters');
    expect(letters.status).toBe(200);
    const letter = letters.body.find((l: { attemptId: string }) => l.attemptId === refusedId);
    expect(letter).toMatchObject({ mpId: LAB, verdict: 'passed', attemptStatus: 'internal_error' });
    expect(letter.reason).toMatch(/did not take the report within 3 s/);
    const page = await admin.get('/admin/dead-letters', { accept: 'text/html' });
    expect(page.text).toContain(refusedId);

    // Students may not see or touch dead letters.
    expect((await unlucky.http.get('/staff/dead-letters')).status).toBeGreaterThanOrEqual(401);

    // The gateway is fixed; the staff replay the verdict, which replaces the internal error.
    proxy.setRule(() => 'forward');
    const replayed = await admin.post(`/staff/dead-letters/${letter.id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual({ attemptId: refusedId, applied: true, attemptStatus: 'passed' });
    const after = (await unlucky.http.get(`/mp/${LAB}/attempt/${refusedId}`)).body;
    expect(after).toMatchObject({ status: 'passed', passed: true });
    expect(after.results).toHaveLength(1);
    expect((await admin.get('/staff/dead-letters')).body.find((l: { id: string }) => l.id === letter.id)).toBeUndefined();
    expect((await admin.post(`/staff/dead-letters/${letter.id}/replay`)).status).toBe(404);
    const audit = (await admin.get('/staff/audit-log')).body as { action: string; subject: string; detail: string }[];
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'dead_letter.replay', subject: refusedId, detail: 'internal_error → passed' }),
    );
  });

  it('makes a refused report (4xx) a dead letter at once, which staff can discard', async () => {
    const student = await newStudent();
    let refusedId = '';
    proxy.setRule((r) => (r.attemptId === refusedId && r.status !== 'compiling' && r.status !== 'running' ? 400 : 'forward'));
    refusedId = await submit(student.http, SOLUTION, 0);
    const lost = await finished(student.http, refusedId);
    expect(lost.status).toBe('internal_error');
    // One refusal of the verdict, then the short internal_error report (refused too): no retries.
    expect(proxy.refused.filter((r) => r.attemptId === refusedId).map((r) => r.status)).toEqual(['passed', 'internal_error']);

    const letter = (await admin.get('/staff/dead-letters')).body.find((l: { attemptId: string }) => l.attemptId === refusedId);
    expect(letter.reason).toMatch(/refused the report: .*400/);
    expect((await admin.post(`/staff/dead-letters/${letter.id}/discard`)).status).toBe(204);
    expect((await admin.get('/staff/dead-letters')).body.find((l: { id: string }) => l.id === letter.id)).toBeUndefined();
    expect((await student.http.get(`/mp/${LAB}/attempt/${refusedId}`)).body.status).toBe('internal_error');
  });

  it('lets staff see a running attempt and cancel it (the box is stopped), and cancel a queued one', async () => {
    const student = await newStudent();
    const waiting = await newStudent();
    const running = await submit(student.http, slowSolution(), -1, SLOW_LAB);
    // The one slot is busy with the slow run, so this one waits in the queue.
    const queued = await submit(waiting.http, SOLUTION, 0);

    // The workers page lists both, with their student, age and a cancel form.
    let listed: { attemptId: string; status: string; username: string; workerName: string | null }[] = [];
    for (let i = 0; i < 100; i++) {
      listed = (await admin.get('/staff/runs')).body;
      if (listed.find((r) => r.attemptId === running)?.status === 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed.find((r) => r.attemptId === running)).toMatchObject({ status: 'running', username: expect.stringMatching(/^judge/) });
    expect(listed.find((r) => r.attemptId === queued)).toMatchObject({ status: 'queued', workerName: null });
    const page = await admin.get('/admin/workers', { accept: 'text/html' });
    expect(page.text).toContain(running);
    expect(page.text).toContain(`/staff/attempts/${running}/cancel`);

    // A student cannot cancel anything.
    expect((await student.http.post(`/staff/attempts/${running}/cancel`, {})).status).toBeGreaterThanOrEqual(401);

    const cancelQueued = await admin.post(`/staff/attempts/${queued}/cancel`, { reason: 'duplicate submission' });
    expect(cancelQueued.status).toBe(200);
    expect(cancelQueued.body).toEqual({ attemptId: queued, status: 'cancelled', wasRunning: false });

    const started = Date.now();
    const cancelRunning = await admin.post(`/staff/attempts/${running}/cancel`, { reason: 'stuck before the deadline' });
    expect(cancelRunning.body).toEqual({ attemptId: running, status: 'cancelled', wasRunning: true });
    await platform.waitForRun(running, 20_000);
    await worker.app.waitForLine(new RegExp(`job ${running} cancelled`), 5_000);
    // The box was stopped, not run to its end (3 datasets of 3 s and more).
    expect(Date.now() - started).toBeLessThan(8_000);

    const seen = (await student.http.get(`/mp/${SLOW_LAB}/attempt/${running}`)).body;
    expect(seen).toMatchObject({ status: 'cancelled', passed: false });
    expect(seen.output).toMatch(/Cancelled by admin: stuck before the deadline/);
    expect((await waiting.http.get(`/mp/${LAB}/attempt/${queued}`)).body.status).toBe('cancelled');

    // A finished attempt cannot be cancelled; an unknown one is not found.
    expect((await admin.post(`/staff/attempts/${running}/cancel`, {})).status).toBe(409);
    expect((await admin.post('/staff/attempts/00000000-0000-4000-8000-000000000000/cancel', {})).status).toBe(404);

    const audit = (await admin.get('/staff/audit-log')).body as { action: string; subject: string; detail: string }[];
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'attempt.cancel', subject: running, detail: 'stuck before the deadline' }),
        expect.objectContaining({ action: 'attempt.cancel', subject: queued, detail: 'duplicate submission' }),
      ]),
    );

    // The worker's slot is free again at once.
    const later = await newStudent();
    const afterwards = await submit(later.http, SOLUTION, 0);
    expect((await finished(later.http, afterwards)).status).toBe('passed');
  });
});
