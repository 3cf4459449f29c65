import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as createTar } from 'tar';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform, TestWorker } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');

jest.setTimeout(120_000);

/** A small lab folder (two datasets of vector-add-cpp under a new id), packed as the push route expects. */
async function labArchive(id: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-lab-'));
  try {
    const source = join(ROOT, 'mps', LAB);
    for (const f of ['description.md', 'template.cpp']) cpSync(join(source, f), join(dir, f));
    for (const n of ['0', '1']) cpSync(join(source, 'datasets', n), join(dir, 'datasets', n), { recursive: true });
    const yaml = readFileSync(join(source, 'mp.yaml'), 'utf8')
      .replace(/^id: .*$/m, `id: ${id}`)
      .replace(/datasets:[\s\S]*$/, '');
    writeFileSync(
      join(dir, 'mp.yaml'),
      `${yaml}datasets:\n  - { id: 0, name: small, hidden: false, points: 50 }\n  - { id: 1, name: larger, hidden: false, points: 50 }\n`,
    );
    const out = join(dir, '..', `${id}.tar.gz`);
    await createTar({ gzip: true, cwd: dir, file: out }, ['.']);
    const archive = readFileSync(out);
    rmSync(out);
    return archive;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the worker's own API", () => {
  let platform: TestPlatform;
  let worker: TestWorker;
  let api: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform();
    worker = platform.workers[0];
    api = new HttpClient(worker.url, { authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it.each([
    ['GET', '/status'],
    ['GET', '/log'],
    ['GET', '/is_gpu_alive'],
    ['GET', `/mp/${LAB}/data`],
    ['POST', `/mp/${LAB}/data`],
    ['POST', `/mp/${LAB}/compile`],
    ['POST', '/stop'],
  ])('refuses %s %s without the worker token', async (method, path) => {
    const anonymous = new HttpClient(worker.url);
    expect((await anonymous.request(method, path)).status).toBe(401);
    const wrong = new HttpClient(worker.url, { authorization: 'Bearer wrong-token' });
    expect((await wrong.request(method, path)).status).toBe(401);
  });

  it('compiles and runs a program now, with the queued pipeline', async () => {
    const res = await api.post(`/mp/${LAB}/compile`, { program: solution, dataset: -1 });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('passed');
    expect(res.body.results).toHaveLength(6);
    const broken = await api.post(`/mp/${LAB}/compile`, { program: 'int main( {', dataset: 0 });
    expect(broken.body).toMatchObject({ status: 'compile_error', results: [] });
    expect((await api.post(`/mp/${LAB}/compile`, { program: solution })).status).toBe(400);
    expect((await api.post('/mp/not-here/compile', { program: solution, dataset: 0 })).status).toBe(409);
  });

  it('rejects a blacklisted keyword in code, naming it and its line, but not one in a comment', async () => {
    const inComment = solution.replace('int main(', '// calling system("ls") here would be refused\nint main(');
    expect((await api.post(`/mp/${LAB}/compile`, { program: inComment, dataset: 0 })).body.status).toBe('passed');
    const lines = solution.split('\n');
    const mainLine = lines.findIndex((l) => l.startsWith('int main(')) + 1;
    const inCode = solution.replace(/int main\(([^)]*)\) \{\n/, (m) => `${m}  system("ls");\n`);
    const rejected = await api.post(`/mp/${LAB}/compile`, { program: inCode, dataset: 0 });
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.compilerOutput).toContain(`line ${mainLine + 1}`);
    expect(rejected.body.compilerOutput).toContain('"system"');
    const include = await api.post(`/mp/${LAB}/compile`, { program: `#include "/etc/passwd"\n${solution}`, dataset: 0 });
    expect(include.body.status).toBe('rejected');
  });

  it('skips the compiler for a resubmitted program (compile cache)', async () => {
    const program = `${solution}\n// cache probe ${Date.now()}\n`;
    const first = await api.post(`/mp/${LAB}/compile`, { program, dataset: 0 });
    expect(first.body.status).toBe('passed');
    const again = await api.post(`/mp/${LAB}/compile`, { program, dataset: 0 });
    expect(again.body.status).toBe('passed');
    const log = (await api.get('/log')).body.lines.join('\n');
    expect(log).toMatch(/compile cache hit/);
  });

  it('receives a lab as tar.gz, installs it and runs it', async () => {
    expect((await api.get('/mp/pushed-lab/data')).status).toBe(404);
    const pushed = await fetch(`${worker.url}/mp/pushed-lab/data`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.env.WORKER_TOKEN}`, 'content-type': 'application/gzip' },
      body: new Uint8Array(await labArchive('pushed-lab')),
    });
    expect(pushed.status).toBe(201);
    const { version } = await pushed.json();
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect((await api.get('/mp/pushed-lab/data')).body).toEqual({ present: true, version });
    const run = await api.post('/mp/pushed-lab/compile', { program: solution, dataset: -1 });
    expect(run.body.status).toBe('passed');
    expect(run.body.results.map((r: { dataset: number }) => r.dataset)).toEqual([0, 1]);
  });

  it('refuses a bad archive or one whose lab id differs, with 400', async () => {
    const post = (id: string, body: Buffer) =>
      fetch(`${worker.url}/mp/${id}/data`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.env.WORKER_TOKEN}` },
        body: new Uint8Array(body),
      });
    const garbage = await post('garbage-lab', Buffer.from('this is not a tarball'));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error).toMatch(/tar/);
    const mismatch = await post('other-id', await labArchive('pushed-lab'));
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error).toMatch(/must equal the folder name/);
  });

  it('answers /is_gpu_alive with 503 and the reason on a machine without a GPU', async () => {
    const res = await api.get('/is_gpu_alive');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ alive: false, reason: expect.stringMatching(/no GPU/) });
  });

  it('reports status and recent log lines', async () => {
    const status = await api.get('/status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ toolchains: ['cpp'], stopping: false, runningJobs: 0, id: expect.any(String) });
    // What isolates and limits its boxes, for an admin on call.
    expect(status.body.sandbox).toMatch(/^namespaces \+ seccomp whitelist .*; limits: (cgroup v[12] \(memory, pids|no cgroups)/);
    const log = await api.get('/log');
    expect(log.body.lines.some((l: string) => /registered as/.test(l))).toBe(true);
  });

  it('stops gracefully: finishes, deregisters and exits', async () => {
    const extra = await platform.startWorker('stopping-worker', { GPU_PROBE_COMMAND: 'echo probe-device' });
    const extraApi = new HttpClient(extra.url, { authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
    expect((await extraApi.get('/is_gpu_alive')).body).toMatchObject({ alive: true, device: 'probe-device' });
    const exited = new Promise<number | null>((resolve) => extra.app.child.once('exit', (code) => resolve(code)));
    expect((await extraApi.post('/stop')).status).toBe(202);
    expect(await exited).toBe(0);

    const admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    const workers = (await admin.get('/workers')).body as { name: string; status: string }[];
    expect(workers.find((w) => w.name === 'stopping-worker')).toMatchObject({ status: 'stopped', jobs: 0 });
  });
});
