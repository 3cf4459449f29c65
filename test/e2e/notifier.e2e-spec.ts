import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fastHealthEnv } from '../support/health-env';
import { startNotifier } from '../support/notifier';
import { startPlatform, TestPlatform, TestWorker } from '../support/platform';
import { AppProcess, freePort } from '../support/processes';
import { SmtpSink, smtpSink } from '../support/smtp-sink';

jest.setTimeout(180_000);

/** Long enough for a few more probe rounds and debounce windows: a second email would have come. */
const QUIET_MS = 4_000;

/**
 * The worker under test serves C++ but has a site GPU probe (GPU_PROBE_COMMAND), so it registers
 * with `gpuProbe` and the notifier probes its `/is_gpu_alive`, exactly as for a CUDA worker. The
 * probe fails while the flag file exists: a GPU that dies and comes back.
 */
describe('the notifier and a worker whose GPU dies and recovers', () => {
  let platform: TestPlatform;
  let sink: SmtpSink;
  let notifier: AppProcess;
  let worker: TestWorker;
  const dir = mkdtempSync(join(tmpdir(), 'wb-notifier-'));
  const flag = join(dir, 'gpu-is-dead');
  const name = `gpu-probe-${process.pid}`;

  beforeAll(async () => {
    sink = smtpSink(await freePort());
    await sink.start();
    platform = await startPlatform(fastHealthEnv(sink.url));
    notifier = await startNotifier(platform.env);
    worker = await platform.startWorker(name, { GPU_PROBE_COMMAND: `test ! -e ${flag}` });
  });

  afterAll(async () => {
    if (process.env.WB_TEST_DEBUG) console.log(notifier?.log());
    await notifier?.stop();
    await platform?.stop();
    await sink?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('emails one down alert, pauses the worker, then one recovery email and resumes it', async () => {
    const admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    await sleep(2_500); // healthy probes first: nothing to say
    expect(sink.emails).toHaveLength(0);

    writeFileSync(flag, '');
    const [down] = await sink.waitForEmails(1, 30_000);
    expect(down.subject).toContain(`DOWN: worker down ${name}`);
    expect(down.to.sort()).toEqual(['oncall@example.org', 'teacher@example.org']);
    expect(down.from).toBe('wb-notifier@example.org');
    expect(down.text).toMatch(/GET \/is_gpu_alive answered 503/);
    expect(down.text).toMatch(/Last log lines:/);
    expect(down.text).toMatch(/What was done: Marked down/);
    await worker.app.waitForLine(/paused: taking no new jobs/, 20_000); // the next heartbeat
    const auth = { authorization: `Bearer ${platform.env.WORKER_TOKEN}` };
    expect(await (await fetch(`${worker.url}/status`, { headers: auth })).json()).toMatchObject({ paused: true });
    const listed = (await admin.get('/workers')).body as { id: string; name: string; status: string }[];
    expect(listed.find((w) => w.name === name)?.status).toBe('down');

    rmSync(flag);
    const [, recovered] = await sink.waitForEmails(2, 30_000);
    expect(recovered.subject).toContain(`RECOVERED: worker down ${name}`);
    await worker.app.waitForLine(/resumed: taking jobs again/, 20_000);
    expect(await (await fetch(`${worker.url}/status`, { headers: auth })).json()).toMatchObject({ paused: false });

    // The staff see the history: the probes that failed and the incident, closed.
    const detail = (await admin.get(`/worker/${listed.find((w) => w.name === name)!.id}`)).body;
    expect(detail.probes.some((p: { ok: boolean }) => !p.ok)).toBe(true);
    expect(detail.incidents).toHaveLength(1);
    expect(detail.incidents[0].closedAt).not.toBeNull();
    expect(detail.log.lines.length).toBeGreaterThan(0);
    const page = await admin.get(`/admin/workers/${detail.id}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Recent probes');
    expect(((await admin.get('/workers')).body as { name: string; status: string }[]).find((w) => w.name === name)?.status).toBe('up');

    await sleep(QUIET_MS);
    expect(sink.emails).toHaveLength(2);
  });

  it('closes the incident of a worker stopped while down, saying so, and probes it no more', async () => {
    const admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    const before = sink.emails.length;
    writeFileSync(flag, '');
    const down = (await sink.waitForEmails(before + 1, 30_000))[before];
    expect(down.subject).toContain(`DOWN: worker down ${name}`);

    // The staff take the broken machine out of service.
    const exited = new Promise<number | null>((resolve) => worker.app.child.once('exit', (code) => resolve(code)));
    const stop = await fetch(`${worker.url}/stop`, { method: 'POST', headers: { authorization: `Bearer ${platform.env.WORKER_TOKEN}` } });
    expect(stop.status).toBe(202);
    expect(await exited).toBe(0);

    const closed = (await sink.waitForEmails(before + 2, 30_000))[before + 1];
    expect(closed.subject).toContain(`CLOSED, WORKER STOPPED: worker down ${name}`);
    expect(closed.text).toMatch(/stopped and deregistered while down/);
    const id = ((await admin.get('/workers')).body as { id: string; name: string }[]).find((w) => w.name === name)!.id;
    const detail = (await admin.get(`/worker/${id}`)).body;
    expect(detail.status).toBe('stopped');
    expect(detail.incidents[0]).toMatchObject({ closedBecause: 'stopped' });
    expect(detail.incidents[0].closedAt).not.toBeNull();
    const probes = detail.probes.length;
    const page = await admin.get(`/admin/workers/${id}`, { accept: 'text/html' });
    expect(page.text).toContain('(worker stopped)');

    await sleep(QUIET_MS);
    expect(sink.emails).toHaveLength(before + 2);
    expect((await admin.get(`/worker/${id}`)).body.probes).toHaveLength(probes);
  });
});
