import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ReportProxy, startReportProxy } from '../support/report-proxy';
import { SLOW_LAB, slowLabFolder } from '../support/slow-lab';

jest.setTimeout(240_000);

const SOLUTION = readFileSync(join(ROOT, 'mps', 'vector-add-cpp', 'solution.cpp'), 'utf8');

/** The reference solution, first busy for about two seconds of one core (a volatile spin: wb.h has no clock). */
function busySolution(): string {
  return SOLUTION.replace(
    /int main\(([^)]*)\) \{\n/,
    (m) => `${m}  for (volatile unsigned long spin = 0; spin < 4000000000UL; spin = spin + 1) {}\n`,
  );
}

async function newStudent(platform: TestPlatform, name: string): Promise<HttpClient> {
  const session = platform.client();
  expect((await session.post('/signup', { user: `${name}_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
  const apiKey = (await session.get('/whoami')).body.apiKey as string;
  return platform.client().withHeaders({ authorization: `Bearer ${apiKey}` });
}

async function finished(student: HttpClient, attemptId: string) {
  const events = await student.get(`/mp/${SLOW_LAB}/attempt/${attemptId}/events`, { accept: 'text/event-stream' });
  expect(events.status).toBe(200);
  return (await student.get(`/mp/${SLOW_LAB}/attempt/${attemptId}`)).body;
}

describe('a worker with one box per core', () => {
  let platform: TestPlatform;
  const mps = slowLabFolder();

  beforeAll(async () => {
    platform = await startPlatform({ MPS_DIR: mps }); // WORKER_CONCURRENCY unset: the default
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(mps, { recursive: true, force: true });
  });

  it('runs two slow programs side by side, not one after the other', async () => {
    expect(availableParallelism()).toBeGreaterThanOrEqual(2);
    const status = await fetch(`${platform.workers[0].url}/status`, { headers: { authorization: `Bearer ${platform.env.WORKER_TOKEN}` } });
    expect(await status.json()).toMatchObject({ concurrency: availableParallelism(), slots: { cpp: availableParallelism() } });

    const [first, second] = [await newStudent(platform, 'busy1'), await newStudent(platform, 'busy2')];
    const program = busySolution();
    // Compiled once first, so that both runs start within milliseconds of their submission.
    const warm = (await first.post(`/mp/${SLOW_LAB}/submit`, { program, dataset: 0 })).body.attemptId;
    expect((await finished(first, warm)).status).toBe('passed');

    const a = (await second.post(`/mp/${SLOW_LAB}/submit`, { program, dataset: 0 })).body.attemptId;
    const third = await newStudent(platform, 'busy3');
    const b = (await third.post(`/mp/${SLOW_LAB}/submit`, { program, dataset: 0 })).body.attemptId;
    const [runA, runB] = [await finished(second, a), await finished(third, b)];
    expect([runA.status, runB.status]).toEqual(['passed', 'passed']);
    // Each was in the box while the other was: their run windows overlap (serially they could not).
    const window = (r: { startedAt: string; finishedAt: string }) => [Date.parse(r.startedAt), Date.parse(r.finishedAt)];
    const [[aStart, aEnd], [bStart, bEnd]] = [window(runA), window(runB)];
    expect(aStart).toBeLessThan(bEnd);
    expect(bStart).toBeLessThan(aEnd);
    if (process.env.WB_TEST_DEBUG) console.log(`two 2 s programs took ${Math.max(aEnd, bEnd) - Math.min(aStart, bStart)} ms in all`);
  });
});

describe('a worker stopped while its verdict cannot be delivered', () => {
  let platform: TestPlatform;
  let proxy: ReportProxy;
  const mps = slowLabFolder();

  beforeAll(async () => {
    platform = await startPlatform({ MPS_DIR: mps }, { worker: false });
    proxy = await startReportProxy(() => platform.baseUrl);
  });

  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
    rmSync(mps, { recursive: true, force: true });
  });

  it('exits 0 within its deadline, hands the job back, and the attempt still ends exactly once', async () => {
    // The gateway (as this worker sees it) fails every verdict, as a gateway restarting would.
    proxy.setRule((r) => (r.status === 'compiling' || r.status === 'running' ? 'forward' : 503));
    const worker = await platform.startWorker(`stopping-${process.pid}`, {
      GATEWAY_URL: proxy.url,
      WORKER_STOP_DEADLINE_MS: '2000',
      REPORT_DELIVERY_WINDOW_MS: '600000',
    });
    const student = await newStudent(platform, 'stopped');
    const attemptId = (await student.post(`/mp/${SLOW_LAB}/submit`, { program: SOLUTION, dataset: 0 })).body.attemptId;

    // The run is over and its verdict is being retried.
    for (let i = 0; i < 200 && !proxy.refused.some((r) => r.attemptId === attemptId); i++) await new Promise((r) => setTimeout(r, 100));
    expect(proxy.refused.some((r) => r.attemptId === attemptId && r.status === 'passed')).toBe(true);

    const exited = once(worker.app.child, 'exit');
    const stoppedAt = Date.now();
    worker.app.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(2_000 + 8_000);
    expect(worker.app.log()).toMatch(/handing 1 unfinished job\(s\) back to their queue/);
    expect((await student.get(`/mp/${SLOW_LAB}/attempt/${attemptId}`)).body.finishedAt).toBeNull();

    // Another worker, which reaches the gateway, runs the job again: one verdict, one attempt.
    const second = await platform.startWorker(`after-stop-${process.pid}`);
    const attempt = await finished(student, attemptId);
    if (process.env.WB_TEST_DEBUG) console.log(worker.app.log(), second.app.log());
    expect(attempt).toMatchObject({ status: 'passed', passed: true });
    expect(attempt.results).toHaveLength(1);
    expect((await student.get(`/mp/${SLOW_LAB}/attempts`)).body).toHaveLength(1);
  });
});

describe('the report route and odd content', () => {
  let platform: TestPlatform;
  let worker: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false, grader: false });
    worker = platform.client().withHeaders({ authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
  });

  afterAll(() => platform?.stop());

  it('stores any bytes as text and refuses only what is malformed, naming the field', async () => {
    const student = await newStudent(platform, 'odd');
    const attemptId = (await student.post('/mp/vector-add-cpp/submit', { program: SOLUTION, dataset: 0 })).body.attemptId;
    const report = {
      attemptId,
      // A worker that is no longer registered: its id is not a reason to refuse the verdict.
      workerId: '00000000-0000-4000-8000-000000000001',
      status: 'failed',
      compilerOutput: 'warn \u0000 \u001b[1m',
      output: `\u0000\uD800 \u001b]0;t\u0007 \u009b ${'y'.repeat(2000)}`,
      outputBytes: 123_456_789,
      results: [{ dataset: 0, status: 'failed', passed: false, message: 'got \u0000', timeMs: 1.5 }],
      timers: [{ kind: 'Generic\u0000', message: '\uDC00', elapsedMs: 3, parent: null }],
      logs: [{ level: 'TRACE', message: '\u0000\u0000', file: 'a\u0000.cpp', line: 7 }],
    };

    // Malformed: a 400 naming the field, and the attempt is untouched.
    const tooLong = await worker.post('/mp/vector-add-cpp/run_results', { ...report, output: 'x'.repeat(1024 * 1024 + 1) });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toMatch(/output/);
    const cancelled = await worker.post('/mp/vector-add-cpp/run_results', { ...report, status: 'cancelled' });
    expect(cancelled.status).toBe(400);
    expect(JSON.stringify(cancelled.body)).toMatch(/status/);

    // Progress from a worker no longer registered is taken too.
    expect((await worker.post('/mp/vector-add-cpp/run_results', { attemptId, workerId: report.workerId, status: 'running' })).status).toBe(
      204,
    );

    // Odd but well-formed: taken, and stored readably.
    expect((await worker.post('/mp/vector-add-cpp/run_results', report)).status).toBe(204);
    const stored = (await student.get(`/mp/vector-add-cpp/attempt/${attemptId}`)).body;
    expect(stored.status).toBe('failed');
    expect(stored.output.startsWith('␀\uFFFD ␛]0;t␇ \uFFFD yyy')).toBe(true);
    expect(stored.outputBytes).toBe(123_456_789);
    expect(stored.compilerOutput).toBe('warn ␀ ␛[1m');
    expect(stored.results[0].message).toBe('got ␀');
    expect(stored.timers[0]).toMatchObject({ kind: 'Generic␀', message: '\uFFFD' });
    expect(stored.logs[0]).toEqual({ level: 'TRACE', message: '␀␀', file: 'a␀.cpp', line: 7 });
    // Applied once: a second delivery changes nothing and is still a success.
    expect((await worker.post('/mp/vector-add-cpp/run_results', { ...report, status: 'passed' })).status).toBe(204);
    expect((await student.get(`/mp/vector-add-cpp/attempt/${attemptId}`)).body.status).toBe('failed');
  });
});
