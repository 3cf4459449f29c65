import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

jest.setTimeout(120_000);

interface LogLine {
  level: string;
  time: string;
  pid: number;
  context?: string;
  msg: string;
  requestId?: string;
  attemptId?: string;
}

/** The JSON lines an app wrote (its stdout is a pipe here, so it writes JSON). */
function jsonLines(app: AppProcess): LogLine[] {
  return app
    .log()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Resolves with the app's lines once one of them matches. */
async function linesOnceSeen(app: AppProcess, pattern: RegExp): Promise<LogLine[]> {
  await app.waitForLine(pattern, 60_000);
  return jsonLines(app);
}

/**
 * One id per request, from the gateway into the run job and the worker's (and the grader's)
 * log lines of that attempt: what an admin follows from a student's complaint to the box.
 */
describe('request ids in the logs', () => {
  let platform: TestPlatform;
  let students = 0;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function newStudent(): Promise<HttpClient> {
    const client = platform.client();
    const res = await client.post('/signup', { user: `rid${++students}_${process.pid}`, pass: 'correct horse battery' });
    expect(res.status).toBe(201);
    return client;
  }

  async function submit(client: HttpClient, headers: Record<string, string>) {
    const submitted = await client.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 }, headers);
    expect(submitted.status).toBe(202);
    await platform.waitForRun(submitted.body.attemptId);
    return { attemptId: submitted.body.attemptId as string, requestId: submitted.headers.get('x-request-id') };
  }

  it("carries a submission's X-Request-Id into the gateway's and the worker's lines of its attempt, and answers it", async () => {
    const worker = platform.workers[0];
    const requestIds = [`first-${randomBytes(6).toString('hex')}`, `second.${randomBytes(6).toString('hex')}`];
    // The same program twice: the second attempt's compile is a cache hit, which the worker logs.
    const attempts: { attemptId: string; requestId: string | null }[] = [];
    for (const id of requestIds) attempts.push(await submit(await newStudent(), { 'x-request-id': id }));

    for (const [i, { attemptId, requestId }] of attempts.entries()) {
      expect(requestId).toBe(requestIds[i]);
      const queued = jsonLines(platform.gateway).filter((l) => l.msg.startsWith(`attempt ${attemptId} queued`));
      expect(queued).toEqual([expect.objectContaining({ level: 'info', context: 'SubmissionsService', requestId, attemptId })]);

      const verdict = new RegExp(`attempt ${attemptId} \\(${LAB}, dataset 0\\): passed`);
      const workerLines = (await linesOnceSeen(worker.app, verdict)).filter((l) => l.attemptId === attemptId);
      expect(workerLines).toContainEqual(expect.objectContaining({ context: 'AttemptRunner', msg: expect.stringMatching(verdict) }));
      expect(workerLines.every((l) => l.requestId === requestId)).toBe(true);
    }
    const second = jsonLines(worker.app).filter((l) => l.attemptId === attempts[1].attemptId);
    expect(second).toContainEqual(expect.objectContaining({ context: 'Compiler', msg: expect.stringMatching(/compile cache hit/) }));
    // No line of one attempt carries the other's id.
    expect(jsonLines(worker.app).filter((l) => l.attemptId === attempts[0].attemptId && l.requestId !== requestIds[0])).toEqual([]);

    // GET /log on both sides shows the same lines as text, ids included.
    const admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    const gatewayLog = (await admin.get('/log')).body.lines as string[];
    const workerLog = (await new HttpClient(worker.url, { authorization: `Bearer ${platform.env.WORKER_TOKEN}` }).get('/log')).body
      .lines as string[];
    for (const { attemptId, requestId } of attempts) {
      expect(gatewayLog).toContainEqual(
        expect.stringMatching(new RegExp(`attempt ${attemptId} queued.* requestId=${requestId} attemptId=${attemptId}$`)),
      );
      expect(workerLog).toContainEqual(
        expect.stringMatching(
          new RegExp(`\\[AttemptRunner\\] attempt ${attemptId} .*: passed requestId=${requestId} attemptId=${attemptId}$`),
        ),
      );
    }
  });

  it("follows a grade attempt to the grader's line", async () => {
    const requestId = `grade-${randomBytes(6).toString('hex')}`;
    const started = await (await newStudent()).post(`/mp/${LAB}/grade`, { program: solution }, { 'x-request-id': requestId });
    expect(started.status).toBe(202);
    const { attemptId } = started.body;
    const graded = (await linesOnceSeen(platform.grader!, new RegExp(`graded attempt ${attemptId}`))).filter((l) =>
      l.msg.startsWith(`graded attempt ${attemptId}`),
    );
    expect(graded).toEqual([expect.objectContaining({ context: 'GradingService', requestId, attemptId })]);
  });

  it('replaces an id that is not sane with one of its own, and gives every request an id', async () => {
    const client = await newStudent();
    const { attemptId, requestId } = await submit(client, { 'x-request-id': 'not sane: spaces and "quotes"' });
    expect(requestId).toMatch(UUID);
    expect(
      jsonLines(platform.gateway)
        .filter((l) => l.attemptId === attemptId)
        .map((l) => l.requestId),
    ).toEqual([requestId]);

    for (const headers of [{}, { 'x-request-id': 'x'.repeat(65) }] as Record<string, string>[]) {
      const res = await client.get('/whoami', headers);
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
    // Even an answer the body parser gives, before any route.
    const malformed = await client.request('POST', `/mp/${LAB}/save`, '{"program":', { 'x-request-id': 'kept-on-a-400' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-request-id')).toBe('kept-on-a-400');
  });
});
