import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort, startApp } from '../support/processes';

const LAB = 'vector-add-cpp';
/** Runs into the time limit, so the attempt spends seconds in `running` before its verdict. */
const infiniteLoop = '#include <wb.h>\nint main(int argc, char **argv) {\n  volatile unsigned long spins = 0;\n  for (;;) spins++;\n}\n';
const ORDER = ['queued', 'compiling', 'running'];

jest.setTimeout(90_000);

/** The `status` events of a finished stream, in order. */
function statusEvents(stream: string): { status: string }[] {
  return stream
    .split('\n\n')
    .filter((block) => block.startsWith('event: status\n'))
    .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)));
}

describe('GET /mp/:mp_id/attempt/:attempt_id/events across gateways', () => {
  let platform: TestPlatform;
  let second: AppProcess;
  let secondUrl: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const port = await freePort();
    secondUrl = `http://127.0.0.1:${port}`;
    // A second gateway on the same database and Redis: the worker reports to the first one.
    second = startApp('gateway', { ...platform.env, GATEWAY_PORT: String(port) });
    await second.waitForLine(/listening on/, 60_000);
  });

  afterAll(async () => {
    await second?.stop();
    await platform?.stop();
  });

  it('streams every status change published by the other gateway, then ends at the verdict', async () => {
    const student = platform.client();
    expect((await student.post('/signup', { user: `events_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    const { apiKey } = (await student.get('/whoami')).body;
    const viaSecond = new HttpClient(secondUrl, { authorization: `Bearer ${apiKey}` });

    const submitted = await student.post(`/mp/${LAB}/submit`, { program: infiniteLoop, dataset: 0 });
    expect(submitted.status).toBe(202);
    const url = `/mp/${LAB}/attempt/${submitted.body.attemptId}/events`;

    const res = await fetch(secondUrl + url, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(60_000) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const statuses = statusEvents(await res.text()).map((e) => e.status); // resolves when the server ends the stream

    expect(statuses).toContain('running');
    expect(statuses[statuses.length - 1]).toBe('timeout');
    const ranks = statuses.slice(0, -1).map((s) => ORDER.indexOf(s));
    expect(ranks.every((r, i) => r >= 0 && (i === 0 || r > ranks[i - 1]))).toBe(true); // one event per change, in order

    // Connecting after the verdict still gets it (the current status is always sent first).
    const late = await viaSecond.get(url, { accept: 'text/event-stream' });
    expect(statusEvents(late.text).map((e) => e.status)).toEqual(['timeout']);
  });

  it('ends open streams when the gateway stops, so it stops at once', async () => {
    const student = platform.client();
    await student.post('/signup', { user: `stopping_${process.pid}`, pass: 'correct horse battery' });
    const { apiKey } = (await student.get('/whoami')).body;
    const submitted = await student.post(`/mp/${LAB}/submit`, { program: infiniteLoop, dataset: 0 });
    const res = await fetch(`${secondUrl}/mp/${LAB}/attempt/${submitted.body.attemptId}/events`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const reader = res.body!.getReader();
    await reader.read(); // the stream is open
    const started = Date.now();
    await second.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    while (!(await reader.read()).done); // and it ended
  });

  it('is a 404 for another user’s attempt and for an unknown one', async () => {
    const owner = platform.client();
    await owner.post('/signup', { user: `owner_${process.pid}`, pass: 'correct horse battery' });
    const submitted = await owner.post(`/mp/${LAB}/submit`, { program: infiniteLoop, dataset: 0 });
    const other = platform.client();
    await other.post('/signup', { user: `other_${process.pid}`, pass: 'correct horse battery' });
    expect((await other.get(`/mp/${LAB}/attempt/${submitted.body.attemptId}/events`)).status).toBe(404);
    expect((await other.get(`/mp/${LAB}/attempt/00000000-0000-4000-8000-000000000000/events`)).status).toBe(404);
    expect((await platform.client().get(`/mp/${LAB}/attempt/${submitted.body.attemptId}/events`)).status).toBe(401);
  });
});
