import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
const template = readFileSync(join(ROOT, 'mps', LAB, 'template.cpp'), 'utf8');
const doesNotCompile = '#include <wb.h>\nint main(int argc, char **argv) {\n  return undefined_name;\n}\n';
const infiniteLoop = '#include <wb.h>\nint main(int argc, char **argv) {\n  volatile unsigned long spins = 0;\n  for (;;) spins++;\n}\n';

jest.setTimeout(120_000);

describe('one submission end to end: gateway and C++ worker as processes, real Postgres and Redis', () => {
  let platform: TestPlatform;
  let userCount = 0;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** A fresh signed-in student: each has their own 3 s submission window. */
  async function newStudent(): Promise<HttpClient> {
    const client = platform.client();
    const res = await client.post('/signup', { user: `student${++userCount}_${process.pid}`, pass: 'correct horse battery' });
    expect(res.status).toBe(201);
    return client;
  }

  async function submitAndWait(client: HttpClient, program: string, dataset = -1) {
    const submitted = await client.post(`/mp/${LAB}/submit`, { program, dataset });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toEqual({ attemptId: expect.any(String), status: 'queued' });
    await platform.waitForRun(submitted.body.attemptId);
    const attempt = await client.get(`/mp/${LAB}/attempt/${submitted.body.attemptId}`);
    expect(attempt.status).toBe(200);
    return attempt.body;
  }

  it('passes the reference solution on every public dataset', async () => {
    const client = await newStudent();
    const attempt = await submitAndWait(client, solution);
    expect(attempt.status).toBe('passed');
    expect(attempt.passed).toBe(true);
    expect(attempt.program).toBe(solution);
    expect(attempt.results.length).toBeGreaterThanOrEqual(6);
    expect(attempt.results.every((r: { status: string }) => r.status === 'passed')).toBe(true);
    expect(attempt.finishedAt).toEqual(expect.any(String));

    const list = await client.get(`/mp/${LAB}/attempts`);
    expect(list.body).toEqual([
      { id: attempt.id, createdAt: attempt.createdAt, kind: 'run', status: 'passed', passed: true, dataset: -1, summary: 'passed 6/6' },
    ]);
    // Submitting saved the program too.
    expect((await client.get(`/mp/${LAB}/program`)).body).toMatchObject({ program: solution, fromTemplate: false, revision: 1 });
  });

  it('fails the template with libwb-style mismatch message', async () => {
    const client = await newStudent();
    const attempt = await submitAndWait(client, template, 0);
    expect(attempt.status).toBe('failed');
    expect(attempt.passed).toBe(false);
    expect(attempt.results).toHaveLength(1);
    expect(attempt.results[0].message).toMatch(/mismatch at index \d+: expected .+, got .+/);
    // Every mismatch counted, the first ten listed, the first of them in the summary.
    const { total, first } = attempt.results[0].mismatches;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(16);
    expect(first).toHaveLength(Math.min(total, 10));
    expect(first[0]).toMatchObject({ index: expect.any(Number), expected: expect.any(String), actual: '0' });
    expect(attempt.summary).toBe(
      `failed 0/1: dataset 0: expected ${first[0].expected} at index ${first[0].index}, got 0${total > 1 ? ` (${total} mismatches)` : ''}`,
    );
  });

  it('reports compile_error with the compiler output', async () => {
    const client = await newStudent();
    const attempt = await submitAndWait(client, doesNotCompile, 0);
    expect(attempt.status).toBe('compile_error');
    expect(attempt.compilerOutput).toMatch(/undefined_name/);
    expect(attempt.compilerOutput).toMatch(/error/);
    expect(attempt.compilerOutput).not.toContain('/tmp/'); // the worker's paths are not shown
    expect(attempt.results).toEqual([]);
    // gcc quotes the name as the worker's locale has it: ‘undefined_name’ (UTF-8) or 'undefined_name'.
    expect(attempt.summary).toMatch(/^compile error: line 3: .undefined_name. was not declared in this scope$/);
  });

  it('stops an infinite loop at the time limit with timeout', async () => {
    const client = await newStudent();
    const attempt = await submitAndWait(client, infiniteLoop, 0);
    expect(attempt.status).toBe('timeout');
    expect(attempt.results[0].status).toBe('timeout');
    expect(attempt.results[0].timeMs).toBeGreaterThanOrEqual(3000);
    expect(attempt.results[0].timeMs).toBeLessThan(5000);
  });

  it('refuses a second submission within 3 s with 429 and Retry-After', async () => {
    const client = await newStudent();
    expect((await client.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 })).status).toBe(202);
    const second = await client.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 });
    expect(second.status).toBe(429);
    expect(second.body.retryAfterMs).toBeGreaterThan(0);
    expect(second.body.retryAfterMs).toBeLessThanOrEqual(3000);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(3);
  });

  it("hides another user's attempt behind a 404", async () => {
    const owner = await newStudent();
    const submitted = await owner.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 });
    const stranger = await newStudent();
    const res = await stranger.get(`/mp/${LAB}/attempt/${submitted.body.attemptId}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'no such attempt' });
    expect((await owner.get(`/mp/${LAB}/attempt/${submitted.body.attemptId}`)).status).toBe(200);
  });

  it('saves programs with revisions and refuses a stale one with 409', async () => {
    const client = await newStudent();
    expect((await client.get(`/mp/${LAB}/program`)).body).toMatchObject({
      program: template,
      revision: 0,
      savedAt: null,
      fromTemplate: true,
    });
    const first = await client.post(`/mp/${LAB}/save`, { program: 'one', revision: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ revision: 1, savedAt: expect.any(String) });
    expect((await client.post(`/mp/${LAB}/save`, { program: 'two', revision: 1 })).body.revision).toBe(2);
    const stale = await client.post(`/mp/${LAB}/save`, { program: 'from an old tab', revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.revision).toBe(2);
    expect((await client.get(`/mp/${LAB}/program`)).body.program).toBe('two');
    const tooBig = await client.post(`/mp/${LAB}/save`, { program: 'x'.repeat(65 * 1024) });
    expect(tooBig.status).toBe(413);
  });

  it('answers a save with a bad field 400 naming it, and takes a form revision as a number', async () => {
    const client = await newStudent();
    const noProgram = await client.post(`/mp/${LAB}/save`, { revision: 0 });
    expect(noProgram.status).toBe(400);
    expect(noProgram.body).toEqual({
      error: 'program must be a string',
      details: [{ field: 'program', message: 'program must be a string' }],
    });
    for (const revision of ['abc', -1, 1.5, [1]]) {
      const bad = await client.post(`/mp/${LAB}/save`, { program: 'x', revision });
      expect({ revision, status: bad.status, field: bad.body.details?.[0]?.field }).toEqual({ revision, status: 400, field: 'revision' });
    }
    // Past what the table's integer holds: a 400, where Postgres would have refused the number with a 500.
    const huge = await client.post(`/mp/${LAB}/save`, { program: 'x', revision: 2 ** 31 });
    expect(huge.status).toBe(400);
    expect(huge.body.error).toBe('revision must not be greater than 2147483647');
    const postForm = (fields: Record<string, string>) =>
      client.post(`/mp/${LAB}/save`, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    const form = await postForm({ program: 'from a form', revision: '0' });
    expect(form.status).toBe(200);
    expect(form.body.revision).toBe(1);
    expect((await postForm({ program: 'stale', revision: '0' })).status).toBe(409);
  });

  describe('lab routes for the web page and the local client', () => {
    it('describe the lab as JSON without its hidden datasets', async () => {
      const client = await newStudent();
      const res = await client.get(`/mp/${LAB}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: LAB, toolchain: 'cpp', outputType: 'vector', compileFlags: expect.any(Array) });
      expect(res.body.datasets.map((d: { id: number }) => d.id)).toEqual([0, 1, 2, 3, 4, 5]);
      expect((await client.get('/mp/no-such-lab')).status).toBe(404);
    });

    it('tell a student when no worker can run the lab, instead of an endless spinner', async () => {
      const client = await newStudent();
      const cuda = await client.get('/mp/vector-add', { accept: 'text/html' });
      expect(cuda.status).toBe(200);
      expect(cuda.text).toContain('No GPU worker is available right now — the staff have been alerted');
      const cpp = await client.get(`/mp/${LAB}`, { accept: 'text/html' });
      expect(cpp.text).not.toContain('id="worker-waiting"');
    });

    it('show an error page with the signed-in navigation, not a logged-out one', async () => {
      const client = await newStudent();
      const { username } = (await client.get('/whoami')).body;
      const page = await client.get('/mp/no-such-lab', { accept: 'text/html' });
      expect(page.status).toBe(404);
      expect(page.text).toContain('there is no lab');
      expect(page.text).toContain(`Signed in as ${username}`);
      expect(page.text).not.toContain('href="/login"');
    });

    it('render the description to an HTML fragment', async () => {
      const client = await newStudent();
      const res = await client.get(`/mp/${LAB}/description`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.text).toMatch(/<h1>/);
    });

    it('compress what they send when the client accepts it, but never the live event stream', async () => {
      const raw = (path: string, headers: Record<string, string>) =>
        new Promise<{ encoding?: string; type?: string; body: Buffer }>((resolve, reject) => {
          request(`${platform.baseUrl}${path}`, { headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ encoding: res.headers['content-encoding'], type: res.headers['content-type'], body: Buffer.concat(chunks) }),
            );
          })
            .on('error', reject)
            .end();
        });
      const bundle = readFileSync(join(ROOT, 'dist', 'web', 'lab.js'));
      const served = await raw('/assets/lab.js', {});
      expect(served.encoding).toBe('gzip');
      expect(gunzipSync(served.body).equals(bundle)).toBe(true);
      expect(served.body.length).toBeLessThan(bundle.length / 2);

      const client = await newStudent();
      const attempt = await submitAndWait(client, solution, 0);
      const apiKey = (await client.get('/whoami')).body.apiKey as string;
      const events = await raw(`/mp/${LAB}/attempt/${attempt.id}/events`, {
        accept: 'text/event-stream',
        authorization: `Bearer ${apiKey}`,
      });
      expect(events.type).toMatch(/^text\/event-stream/);
      expect(events.encoding).toBeUndefined();
      expect(events.body.toString()).toContain('"status":"passed"');
    });

    it('serve public dataset files byte for byte and never a hidden one', async () => {
      const client = await newStudent();
      const list = await client.get(`/mp/${LAB}/datasets`);
      expect(list.status).toBe(200);
      expect(list.body[0]).toEqual({ id: 0, name: expect.any(String), files: ['input0.raw', 'input1.raw', 'output.raw'] });
      expect(list.body.map((d: { id: number }) => d.id)).toEqual([0, 1, 2, 3, 4, 5]);
      const file = await client.get(`/mp/${LAB}/datasets/1/input0.raw`);
      expect(file.status).toBe(200);
      expect(file.text).toBe(readFileSync(join(ROOT, 'mps', LAB, 'datasets', '1', 'input0.raw'), 'utf8'));
      expect((await client.get(`/mp/${LAB}/datasets/7/input0.raw`)).status).toBe(404);
      expect((await client.get(`/mp/${LAB}/datasets/1/..%2F..%2Fmp.yaml`)).status).toBe(404);
      expect((await client.get(`/mp/${LAB}/datasets/1/solution.cpp`)).status).toBe(404);
      expect((await platform.client().get(`/mp/${LAB}/datasets/1/input0.raw`)).status).toBe(401);
    });
  });

  describe('accounts', () => {
    it('answers 409 for a taken username and 401 for a wrong password', async () => {
      const client = platform.client();
      expect((await client.post('/signup', { user: 'alice_e2e', pass: 'password-1' })).status).toBe(201);
      const taken = await platform.client().post('/signup', { user: 'alice_e2e', pass: 'password-2' });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatch(/taken/);
      const wrong = await platform.client().post('/login', { user: 'alice_e2e', pass: 'password-2' });
      expect(wrong.status).toBe(401);
      const unknown = await platform.client().post('/login', { user: 'nobody_e2e', pass: 'password-2' });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body); // no hint whether the user exists
      const right = platform.client();
      const ok = await right.post('/login', { user: 'alice_e2e', pass: 'password-1' });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({ username: 'alice_e2e', role: 'student' });
      expect((await right.get('/whoami')).body).toMatchObject({ username: 'alice_e2e', apiKey: expect.stringMatching(/^wb_/) });
      expect((await right.post('/logout')).status).toBe(204);
      expect((await right.get('/whoami')).status).toBe(401);
    });

    it('accepts the API key as Bearer and refuses a regenerated one', async () => {
      const client = await newStudent();
      const { apiKey } = (await client.get('/whoami')).body;
      expect((await client.get('/whoami')).body.apiKey).toBe(apiKey); // stable until regenerated
      const withKey = platform.client().withHeaders({ authorization: `Bearer ${apiKey}` });
      expect((await withKey.get(`/mp/${LAB}/program`)).status).toBe(200);
      const fresh = await client.post('/whoami/api_key');
      expect(fresh.body.apiKey).not.toBe(apiKey);
      expect((await withKey.get(`/mp/${LAB}/program`)).status).toBe(401);
      expect((await platform.client().get(`/mp/${LAB}/attempts`)).status).toBe(401);
    });

    it('shows a taken username on the signup form itself', async () => {
      expect((await platform.client().post('/signup', { user: 'bob_form', pass: 'password-1' })).status).toBe(201);
      const form = await platform
        .client()
        .post('/signup', 'user=bob_form&pass=password-2', { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(409);
      expect(form.text).toContain('The username &quot;bob_form&quot; is taken');
      expect(form.text).toContain('<form');
    });

    it('redirects a page request without a session to the login page', async () => {
      const res = await platform.client().get(`/mp/${LAB}`, { accept: 'text/html' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/mp/${LAB}`)}`);
    });

    it('refuses a cookie-authenticated POST from another site', async () => {
      const client = await newStudent();
      const res = await client.post(`/mp/${LAB}/save`, { program: 'x' }, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
    });
  });

  describe('bad input gets a 4xx that says what is wrong', () => {
    it('answers 400 to malformed JSON', async () => {
      const client = await newStudent();
      const res = await client.post(`/mp/${LAB}/submit`, '{"program": "x", "dataset": ');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/malformed JSON/);
    });

    it('answers 400 naming a missing or wrong field', async () => {
      const client = await newStudent();
      const missing = await client.post(`/mp/${LAB}/submit`, { program: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatch(/dataset/);
      expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'dataset' })]));
      const notString = await client.post(`/mp/${LAB}/save`, { program: 42 });
      expect(notString.status).toBe(400);
      expect(notString.body.error).toMatch(/program/);
      const badName = await platform.client().post('/signup', { user: 'No Spaces!', pass: 'long enough' });
      expect(badName.status).toBe(400);
      expect(badName.body.error).toMatch(/user/);
      const shortPass = await platform.client().post('/signup', { user: 'short_pass', pass: 'short' });
      expect(shortPass.status).toBe(400);
      expect(shortPass.body.error).toMatch(/pass/);
    });

    it('answers a body it cannot take with a 4xx that names what it takes', async () => {
      const client = await newStudent();
      const huge = await client.post(`/mp/${LAB}/save`, { program: 'x'.repeat(3 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body.error).toMatch(/larger than 2 MB/);
      expect(huge.headers.get('x-request-id')).toEqual(expect.any(String));

      const text = await client.post(`/mp/${LAB}/save`, 'program', { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      expect(text.body.error).toMatch(/"text\/plain" is not taken here: send application\/json or application\/x-www-form-urlencoded/);

      const poisoned = await client.post(`/mp/${LAB}/save`, '{"program": "x", "__proto__": {"admin": true}}');
      expect(poisoned.status).toBe(400);
      expect(poisoned.body.error).toMatch(/malformed JSON body/);

      const bare = await client.post(`/mp/${LAB}/save`, '"just a string"');
      expect(bare.status).toBe(400);
      expect(bare.body.error).toMatch(/must be an object or an array/);

      // A JSON content type with nothing after it is no fields: the route names the missing one.
      const empty = await client.post(`/mp/${LAB}/save`, '');
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatch(/program/);
    });

    it('answers as before to the forms of HTTP that clients send', async () => {
      const client = await newStudent();
      // A trailing slash is the same route.
      expect((await client.get(`/mp/${LAB}/program/`)).status).toBe(200);
      // A redirect to a path with characters a header cannot carry as they are is percent-encoded.
      const login = await platform.client().post('/login', `user=nobody_here&pass=wrong-password&next=${encodeURIComponent('/mp/lab-é')}`, {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(login.status).toBe(401);
      const signedUp = await platform
        .client()
        .post('/signup', `user=next_${process.pid}&pass=correct-horse-battery`, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(signedUp.status).toBe(201);
      const signedIn = await platform
        .client()
        .post('/login', `user=next_${process.pid}&pass=correct-horse-battery&next=${encodeURIComponent('/mp/lab-é?x=1')}`, {
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/mp/lab-%C3%A9?x=1');
      // HEAD of a page answers its headers.
      const head = await client.request('HEAD', `/mp/${LAB}/program`);
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('answers 400 for an unknown or hidden dataset and 404 for an unknown lab', async () => {
      const client = await newStudent();
      const unknown = await client.post(`/mp/${LAB}/submit`, { program: solution, dataset: 99 });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatch(/no public dataset 99/);
      const lab = await client.post('/mp/no-such-lab/submit', { program: solution, dataset: 0 });
      expect(lab.status).toBe(404);
      // A refused request did not use up the student's submission slot.
      expect((await client.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 })).status).toBe(202);
    });
  });

  describe('worker routes', () => {
    it('refuse run_results without the worker token', async () => {
      const client = await newStudent();
      const submitted = await client.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 });
      const report = { attemptId: submitted.body.attemptId, status: 'passed', results: [] };
      const none = await platform.client().post(`/mp/${LAB}/run_results`, report);
      expect(none.status).toBe(401);
      const wrong = await platform.client().post(`/mp/${LAB}/run_results`, report, { authorization: 'Bearer not-the-token-at-all' });
      expect(wrong.status).toBe(401);
      const worker = platform.client().withHeaders({ authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
      const missing = await worker.post(`/mp/${LAB}/run_results`, { ...report, attemptId: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(404);
    });

    it('keep the first verdict when a report is repeated', async () => {
      const client = await newStudent();
      const attempt = await submitAndWait(client, solution, 0);
      expect(attempt.status).toBe('passed');
      const worker = platform.client().withHeaders({ authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
      const repeat = await worker.post(`/mp/${LAB}/run_results`, {
        attemptId: attempt.id,
        status: 'failed',
        output: 'late duplicate',
        results: [],
      });
      expect(repeat.status).toBe(204);
      expect((await client.get(`/mp/${LAB}/attempt/${attempt.id}`)).body).toMatchObject({ status: 'passed', output: attempt.output });
    });

    it('answer /healthz with Postgres and Redis reachable', async () => {
      const res = await platform.client().get('/healthz');
      expect(res.status).toBe(200);
      // Terminus's info, error and details follow (test/faults/health-probes.e2e-spec.ts).
      expect(res.body).toMatchObject({ status: 'ok', postgres: 'ok', redis: 'ok' });
    });
  });
});
