import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

/**
 * Timed runs and the leaderboard end to end on vector-add-cpp (its mp.yaml has `performance:`),
 * on a C++ worker: the same protocol a GPU worker runs, with the CPU's model for the device.
 */
const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
/** The first value of the stored dataset that the performance block's fresh inputs are made like. */
const storedFirst = readFileSync(join(ROOT, 'mps', LAB, 'datasets', '5', 'input0.raw'), 'utf8').split('\n')[1];
/**
 * Right on every stored dataset, wrong on any other input of that size: a program that "knows"
 * the answers it has seen. Fresh inputs must expose it.
 */
const rightOnlyOnStoredInputs = solution.replace(
  '  wbTime_stop(Compute, "Adding the vectors");',
  `  if (inputLength == 4097 && (hostInput1[0] < ${storedFirst}f - 0.001f || hostInput1[0] > ${storedFirst}f + 0.001f)) hostOutput[0] += 1000;
  wbTime_stop(Compute, "Adding the vectors");`,
);

jest.setTimeout(240_000);

describe('timed runs and the leaderboard (gateway, C++ worker, time-cpu queue)', () => {
  let platform: TestPlatform;
  let ada: HttpClient;
  let cheat: HttpClient;
  let admin: HttpClient;
  let adaTiming: { id: string; medianMs: number };
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    platform = await startPlatform({}, { grader: false });
    ada = await signup(`ada_${tag}`);
    cheat = await signup(`cheat_${tag}`);
    admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: 'admin-password-for-tests' })).status).toBe(200);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function signup(username: string): Promise<HttpClient> {
    const client = platform.client();
    expect((await client.post('/signup', { user: username, pass: 'correct horse battery' })).status).toBe(201);
    return client;
  }

  async function passEveryDataset(client: HttpClient, program: string): Promise<void> {
    const submitted = await client.post(`/mp/${LAB}/submit`, { program, dataset: -1 });
    expect(submitted.status).toBe(202);
    await platform.waitForRun(submitted.body.attemptId, 60_000);
    expect((await client.get(`/mp/${LAB}/attempt/${submitted.body.attemptId}`)).body.status).toBe('passed');
  }

  async function finished(client: HttpClient, id: string) {
    for (let i = 0; i < 600; i++) {
      const res = await client.get(`/mp/${LAB}/timings/${id}`);
      expect(res.status).toBe(200);
      if (res.body.state !== 'queued') return res.body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timing ${id} never finished`);
  }

  it('refuses a timed run before the latest program passed every dataset', async () => {
    const res = await ada.post(`/mp/${LAB}/timings`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/passed every dataset/);
  });

  it('times a correct program: runs on fresh inputs of distinct seeds, each correct, median and spread, the device', async () => {
    await passEveryDataset(ada, solution);
    const asked = await ada.post(`/mp/${LAB}/timings`);
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ state: 'queued', status: null });
    const timing = await finished(ada, asked.body.id);

    expect(timing).toMatchObject({ state: 'done', status: 'valid', reason: null, deviceModel: expect.any(String) });
    expect(timing.runs).toHaveLength(5);
    expect(new Set(timing.runs.map((r: { seed: number }) => r.seed)).size).toBe(5);
    expect(timing.runs.every((r: { passed: boolean; timeMs: number }) => r.passed && r.timeMs >= 0)).toBe(true);
    const times = timing.runs.map((r: { timeMs: number }) => r.timeMs).sort((a: number, b: number) => a - b);
    expect(timing.medianMs).toBe(times[2]);
    expect(timing.minMs).toBe(times[0]);
    expect(timing.maxMs).toBe(times[4]);
    expect(timing.deviceStart).toMatchObject({ kind: 'cpu', model: timing.deviceModel });
    expect(timing.deviceEnd).toMatchObject({ kind: 'cpu', model: timing.deviceModel });
    adaTiming = timing;

    const page = await ada.get(`/mp/${LAB}/timings/${timing.id}`, { accept: 'text/html' });
    expect(page.text).toContain('id="timing-median"');
    expect(page.text).toContain(`${timing.medianMs.toFixed(3)} ms`);
    // Another student's timing is not found.
    expect((await cheat.get(`/mp/${LAB}/timings/${timing.id}`)).status).toBe(404);
  });

  it('allows one timed run per student per lab per cooldown: 429 with Retry-After', async () => {
    const again = await ada.post(`/mp/${LAB}/timings`);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(500); // cooldown_minutes: 10
  });

  it('voids the figure of a program that is right only on the inputs it has seen', async () => {
    await passEveryDataset(cheat, rightOnlyOnStoredInputs);
    const asked = await cheat.post(`/mp/${LAB}/timings`);
    expect(asked.status).toBe(202);
    const timing = await finished(cheat, asked.body.id);
    expect(timing).toMatchObject({ state: 'done', status: 'void', medianMs: null });
    expect(timing.reason).toMatch(/^the run on seed \d+ was wrong: /);
    expect(timing.runs.at(-1).passed).toBe(false);
  });

  it("ranks valid figures only, anonymous until the student picks a name, with the reference solution's line", async () => {
    const reference = await admin.post(`/mp/${LAB}/timings/reference`);
    expect(reference.status).toBe(202);
    expect((await finished(admin, reference.body.id)).status).toBe('valid');
    expect((await ada.post(`/mp/${LAB}/timings/reference`)).status).toBe(403);

    const anonymous = await cheat.get(`/mp/${LAB}/leaderboard`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.boards).toHaveLength(1);
    const [board] = anonymous.body.boards;
    expect(board.reference).toEqual({ medianMs: expect.any(Number), spread: expect.any(Number), at: expect.any(String) });
    expect(board.entries).toEqual([
      {
        rank: 1,
        timingId: adaTiming.id,
        name: 'anonymous',
        medianMs: adaTiming.medianMs,
        spread: expect.any(Number),
        runs: 5,
        own: false,
        at: expect.any(String),
      },
    ]);

    expect((await ada.post(`/mp/${LAB}/leaderboard/name`, { displayName: '<b>Ada</b>' })).body).toEqual({ displayName: '<b>Ada</b>' });
    expect((await ada.post(`/mp/${LAB}/leaderboard/name`, { displayName: 'x'.repeat(41) })).status).toBe(400);
    const named = await ada.get(`/mp/${LAB}/leaderboard`);
    expect(named.body.boards[0].entries[0]).toMatchObject({ name: '<b>Ada</b>', own: true });

    const page = await ada.get(`/mp/${LAB}/leaderboard`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;b&gt;Ada&lt;/b&gt; (you)');
    expect(page.text).not.toContain('<b>Ada</b>');
    expect(page.text).toContain('class="own"');
    expect(page.text).toContain('reference solution');
    expect(page.text).toContain('id="timing-button"');
  });

  it('lets staff hide a figure with a reason (audited) and show it again; students cannot', async () => {
    const path = `/mp/${LAB}/leaderboard/${adaTiming.id}`;
    expect((await cheat.post(`${path}/hide`, { reason: 'no' })).status).toBe(403);
    expect((await admin.post(`${path}/hide`, { reason: '   ' })).status).toBe(400);
    expect((await admin.post(`${path}/hide`, { reason: 'timer around nothing' })).body).toEqual({ hidden: true });

    expect((await ada.get(`/mp/${LAB}/leaderboard`)).body.boards[0].entries).toEqual([]);
    expect((await ada.get(`/mp/${LAB}/timings/${adaTiming.id}`)).body.hiddenReason).toBe('timer around nothing');
    const staffPage = await admin.get(`/mp/${LAB}/leaderboard`, { accept: 'text/html' });
    expect(staffPage.text).toContain('timer around nothing');
    const log = await admin.get('/staff/audit-log');
    expect(JSON.stringify(log.body)).toContain('timing.hide');

    expect((await admin.post(`${path}/unhide`)).body).toEqual({ hidden: false });
    expect((await ada.get(`/mp/${LAB}/leaderboard`)).body.boards[0].entries).toHaveLength(1);
  });

  it('answers 404 for a lab without timed runs and for an unknown timing', async () => {
    expect((await ada.post('/mp/vector-add/timings')).status).toBe(404);
    expect((await ada.get('/mp/vector-add/leaderboard')).status).toBe(404);
    expect((await ada.get(`/mp/${LAB}/timings/not-a-uuid`)).status).toBe(404);
  });
});
