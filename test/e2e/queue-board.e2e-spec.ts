import { TOOLCHAIN_SPECS } from '@wb/common';
import { startPlatform, TestPlatform } from '../support/platform';

/**
 * Bull Board at /admin/queues: an admin sees every queue and its jobs; a student gets 403, a
 * request without a session 401 (a browser is sent to the login page), and nobody changes a job
 * through it (read-only: the platform's own routes change jobs and records together).
 */
jest.setTimeout(60_000);

describe('the queue board for admins', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function admin() {
    const client = platform.client();
    expect((await client.post('/login', { user: 'admin', pass: 'admin-password-for-tests' })).status).toBe(200);
    return client;
  }

  async function student() {
    const client = platform.client();
    expect((await client.post('/signup', { user: `board_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    return client;
  }

  it('answers 401 without a session, on the board and on its API, and sends a browser to log in', async () => {
    const anonymous = platform.client();
    expect((await anonymous.get('/admin/queues/api/queues')).status).toBe(401);
    expect((await anonymous.get('/admin/queues', { accept: 'application/json' })).status).toBe(401);
    const page = await anonymous.get('/admin/queues', { accept: 'text/html' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fadmin%2Fqueues');
  });

  it('answers 403 to a student, and an API key opens nothing', async () => {
    const client = await student();
    const res = await client.get('/admin/queues/api/queues', { accept: 'application/json' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'the queue board needs the admin role' });
    expect((await client.get('/admin/queues', { accept: 'application/json' })).status).toBe(403);
    const byKey = platform.client().withHeaders({ authorization: 'Bearer not-a-session' });
    expect((await byKey.get('/admin/queues/api/queues')).status).toBe(401);
  });

  it('shows an admin every queue, a submitted run waiting in its queue, and refuses changes', async () => {
    // A run with no worker up waits in its toolchain's queue: the board shows it.
    const submitter = platform.client();
    expect((await submitter.post('/signup', { user: `board_run_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    const submitted = await submitter.post('/mp/vector-add-cpp/submit', { program: 'int main() { return 0; }', dataset: 0 });
    expect(submitted.status).toBe(202);

    const client = await admin();
    const page = await client.get('/admin/queues', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('wb queues');

    const api = await client.get('/admin/queues/api/queues?activeQueue=run-cpu&status=waiting', { accept: 'application/json' });
    expect(api.status).toBe(200);
    const queues = api.body.queues as { name: string; readOnlyMode: boolean; jobs: { id: string }[] }[];
    const names = queues.map((q) => q.name);
    for (const spec of Object.values(TOOLCHAIN_SPECS)) expect(names).toContain(spec.queue);
    expect(names).toEqual(expect.arrayContaining(['grade', 'passback', 'health', 'alerts', 'dead-letters', 'similarity']));
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    const runCpu = queues.find((q) => q.name === 'run-cpu')!;
    expect(runCpu.jobs.map((j) => j.id)).toContain(submitted.body.attemptId);

    const retry = await client.request('PUT', `/admin/queues/api/queues/run-cpu/${submitted.body.attemptId}/promote`, undefined, {
      accept: 'application/json',
    });
    expect(retry.status).toBeGreaterThanOrEqual(400);
    expect(retry.status).toBeLessThan(500);
  });
});
