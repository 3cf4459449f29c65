import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byCourseOrder, loadCatalogue, toolchainSpec } from '@wb/common';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
// Holds a worker's only slot for the lab's whole time limit (3 s) after compiling.
const infiniteLoop = '#include <wb.h>\nint main(int argc, char **argv) {\n  volatile unsigned long spins = 0;\n  for (;;) spins++;\n}\n';

jest.setTimeout(120_000);

interface Student {
  http: HttpClient;
  apiKey: string;
}

interface Place {
  position: number;
  estimateMs: number | null;
}

/**
 * Waiting for a worker, made visible: each queued attempt's place in its toolchain's queue (in
 * its JSON and its live events), an estimate once runs have a history and a worker takes jobs,
 * a student's cancel of their own queued run, and the labs list in course order.
 */
describe('waiting in the run queue', () => {
  let platform: TestPlatform;
  let students = 0;

  beforeAll(async () => {
    // No worker yet: every submission stays queued until the test starts one.
    platform = await startPlatform({ SUBMIT_INTERVAL_MS: '0' }, { worker: false, grader: false });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function newStudent(): Promise<Student> {
    const http = platform.client();
    expect((await http.post('/signup', { user: `queue${++students}_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    return { http, apiKey: (await http.get('/whoami')).body.apiKey };
  }

  async function submit(student: Student, program = solution): Promise<string> {
    const res = await student.http.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
    expect(res.status).toBe(202);
    return res.body.attemptId;
  }

  async function placeOf(student: Student, attemptId: string): Promise<Place | null> {
    const res = await student.http.get(`/mp/${LAB}/attempt/${attemptId}`);
    expect(res.status).toBe(200);
    return res.body.queue;
  }

  /** Asks again until `ready` holds (the platform moves on its own: a worker takes a job, a tick passes). */
  async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ready(value)) return value;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The `status` events of an attempt's stream, as they come. */
  async function* statusEvents(student: Student, attemptId: string, abort: AbortSignal): AsyncGenerator<Record<string, any>> {
    const res = await fetch(`${platform.baseUrl}/mp/${LAB}/attempt/${attemptId}/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${student.apiKey}` },
      signal: abort,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = /^event: status\ndata: (.*)$/m.exec(message)?.[1];
        if (data) yield JSON.parse(data);
      }
    }
  }

  let alice: Student;
  let bob: Student;
  let aliceRuns: string[];
  let bobRun: string;

  it('gives each queued attempt its place in its toolchain’s queue, and no estimate before any run', async () => {
    alice = await newStudent();
    bob = await newStudent();
    aliceRuns = [await submit(alice), await submit(alice), await submit(alice)];
    bobRun = await submit(bob);
    expect(await placeOf(alice, aliceRuns[0])).toEqual({ position: 1, estimateMs: null });
    expect(await placeOf(alice, aliceRuns[2])).toEqual({ position: 3, estimateMs: null });
    expect(await placeOf(bob, bobRun)).toEqual({ position: 4, estimateMs: null });
    const attempt = (await alice.http.get(`/mp/${LAB}/attempt/${aliceRuns[1]}`)).body;
    expect(attempt).toMatchObject({ id: aliceRuns[1], status: 'queued', queue: { position: 2, estimateMs: null } });
  });

  it('sends the place in the live events and sends it again when the line moves', async () => {
    const abort = new AbortController();
    const events = statusEvents(bob, bobRun, abort.signal);
    try {
      const first = (await events.next()).value;
      expect(first).toMatchObject({ id: bobRun, status: 'queued', queue: { position: 4, estimateMs: null } });
      expect((await alice.http.post(`/mp/${LAB}/attempt/${aliceRuns[0]}/cancel`)).status).toBe(200);
      const moved = (await events.next()).value;
      expect(moved).toMatchObject({ id: bobRun, status: 'queued', queue: { position: 3, estimateMs: null } });
    } finally {
      abort.abort();
    }
  });

  it('lets a student cancel their own queued run, and nobody else’s', async () => {
    const cancelled = await alice.http.get(`/mp/${LAB}/attempt/${aliceRuns[0]}`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', passed: false, queue: null });
    expect(cancelled.body.output).toContain('You cancelled this run before it started');

    // Another student's attempt is "no such attempt", as on every attempt route, and stays queued.
    const foreign = await bob.http.post(`/mp/${LAB}/attempt/${aliceRuns[1]}/cancel`);
    expect(foreign).toMatchObject({ status: 404, body: { error: 'no such attempt' } });
    expect(await placeOf(alice, aliceRuns[1])).toEqual({ position: 1, estimateMs: null });
    expect((await bob.http.post(`/mp/${LAB}/attempt/not-a-uuid/cancel`)).status).toBe(404);
    expect((await bob.http.post(`/mp/no-such-lab/attempt/${bobRun}/cancel`)).status).toBe(404);
    expect((await platform.client().post(`/mp/${LAB}/attempt/${bobRun}/cancel`)).status).toBe(401);

    // With the API key too (the wb client), and only once.
    const byKey = platform.client().withHeaders({ authorization: `Bearer ${alice.apiKey}` });
    expect((await byKey.post(`/mp/${LAB}/attempt/${aliceRuns[1]}/cancel`)).body).toEqual({
      attemptId: aliceRuns[1],
      status: 'cancelled',
      wasRunning: false,
    });
    const again = await alice.http.post(`/mp/${LAB}/attempt/${aliceRuns[1]}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/has finished already \(cancelled\)/);
    // Places come from a look at the queue shared for a tick, so the line closes up within one.
    await until(
      () => placeOf(alice, aliceRuns[2]),
      (p) => p?.position === 1,
      'the line to close up',
    );
    expect(await placeOf(bob, bobRun)).toEqual({ position: 2, estimateMs: null });
  });

  it('refuses to cancel a run a worker has started or finished, and estimates the wait once runs have a history', async () => {
    await platform.startWorker(`queue-worker-${process.pid}`, { WORKER_CONCURRENCY: '1' });
    await platform.waitForRun(aliceRuns[2]);
    await platform.waitForRun(bobRun);
    expect((await bob.http.get(`/mp/${LAB}/attempt/${bobRun}`)).body).toMatchObject({ status: 'passed', queue: null });
    const finished = await bob.http.post(`/mp/${LAB}/attempt/${bobRun}/cancel`);
    expect(finished.status).toBe(409);
    expect(finished.body.error).toMatch(/has finished already \(passed\)/);

    // The worker's one slot is busy with Alice's endless program; Bob's run waits behind it.
    const busy = await submit(alice, infiniteLoop);
    const waiting = await submit(bob);
    // A place can be missing for a moment (a read of the queue slower than the gateway waits for
    // on a busy machine); only the run leaving the queue ends the wait for an estimate.
    const seen = await until(
      async () => {
        const attempt = (await bob.http.get(`/mp/${LAB}/attempt/${waiting}`)).body;
        return { status: attempt.status as string, place: attempt.queue as Place | null };
      },
      ({ status, place }) => status !== 'queued' || typeof place?.estimateMs === 'number',
      'an estimate while the worker runs the endless program',
    );
    expect(seen).toEqual({ status: 'queued', place: { position: 1, estimateMs: expect.any(Number) } });
    expect(seen.place!.estimateMs).toBeGreaterThan(0);

    await until(
      async () => (await alice.http.get(`/mp/${LAB}/attempt/${busy}`)).body.status,
      (status) => status !== 'queued',
      'the worker to start the endless program',
    );
    const started = await alice.http.post(`/mp/${LAB}/attempt/${busy}/cancel`);
    expect(started.status).toBe(409);
    expect(started.body.error).toMatch(/has (started|finished) already/);
    await platform.waitForRun(busy);
    await platform.waitForRun(waiting);
    expect((await alice.http.get(`/mp/${LAB}/attempt/${busy}`)).body.status).toBe('timeout');
  });

  it('lists the labs in course order, with each one’s order, toolchain and device', async () => {
    const student = await newStudent();
    const labs = (await student.http.get('/')).body as { id: string; order: number | null; toolchain: string; device: string }[];
    const expected = [...loadCatalogue(join(ROOT, 'mps')).values()].sort(byCourseOrder).map((mp) => ({
      id: mp.config.id,
      order: mp.config.order ?? null,
      toolchain: mp.config.toolchain,
      device: toolchainSpec(mp.config.toolchain).device,
    }));
    expect(labs.map(({ id, order, toolchain, device }) => ({ id, order, toolchain, device }))).toEqual(expected);
    expect(labs.slice(0, 3).map((l) => l.id)).toEqual(['device-query', 'vector-add', 'vector-add-cpp']);
    expect(labs.find((l) => l.id === 'vector-add')).toMatchObject({ toolchain: 'cuda', device: 'gpu', best: null, grade: null });
    expect(labs.find((l) => l.id === LAB)).toMatchObject({ toolchainName: 'C++', device: 'cpu' });

    // The same list for the local client's API key; the page shows the badges.
    const byKey = platform.client().withHeaders({ authorization: `Bearer ${student.apiKey}` });
    expect(((await byKey.get('/')).body as { id: string }[]).map((l) => l.id)).toEqual(expected.map((l) => l.id));
    const page = await student.http.get('/', { accept: 'text/html' });
    expect(page.text.match(/needs a GPU/g)?.length).toBe(expected.filter((l) => l.device === 'gpu').length);
  });

  it('says whether a worker serves a lab, and renders Run off beside the reason while none does', async () => {
    const student = await newStudent();
    expect((await student.http.get('/mp/vector-add/availability')).body).toEqual({ served: false, device: 'gpu' });
    expect((await student.http.get(`/mp/${LAB}/availability`)).body).toEqual({ served: true, device: 'cpu' });
    expect((await student.http.get('/mp/no-such-lab/availability')).status).toBe(404);
    const cuda = (await student.http.get('/mp/vector-add', { accept: 'text/html' })).text;
    expect(cuda).toMatch(/<button id="run-button"[^>]* disabled aria-describedby="worker-waiting">Run<\/button>/);
    expect(cuda).toContain('No GPU worker is available right now — the staff have been alerted. Run is off until one is back.');
    const cpp = (await student.http.get(`/mp/${LAB}`, { accept: 'text/html' })).text;
    expect(cpp).not.toMatch(/<button id="run-button"[^>]* disabled/);
  });
});
