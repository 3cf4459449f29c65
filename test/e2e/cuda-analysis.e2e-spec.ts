import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunJob, TOOLCHAIN_SPECS } from '@wb/common';
import { Queue } from 'bullmq';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

const LAB = 'vector-add';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cu'), 'utf8');
const fixture = (name: string) => readFileSync(join(ROOT, 'libs', 'common', 'src', 'analysis', 'fixtures', name), 'utf8');

jest.setTimeout(120_000);

/**
 * "Check memory" and "Profile" without a GPU: the routes, their limits and refusals, the job
 * they queue on the CUDA run queue, and a finished report as a worker would post it, read back
 * as JSON and as the attempt's page. No worker runs: this machine has no GPU, and the job is the
 * contract with the worker that has one (test/gpu/check.sh runs the tools themselves).
 */
describe('CUDA analysis: Check memory and Profile', () => {
  let platform: TestPlatform;
  let runCuda: Queue<RunJob>;
  let worker: HttpClient;
  let students = 0;

  beforeAll(async () => {
    platform = await startPlatform(
      { SUBMIT_INTERVAL_MS: '0', CHECK_INTERVAL_MS: '60000', PROFILE_INTERVAL_MS: '600000' },
      { worker: false, grader: false },
    );
    runCuda = new Queue(TOOLCHAIN_SPECS.cuda.queue, { connection: { url: platform.env.REDIS_URL }, prefix: platform.env.REDIS_PREFIX });
    worker = platform.client().withHeaders({ authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
  });

  afterAll(async () => {
    await runCuda?.close();
    await platform?.stop();
  });

  async function newStudent(): Promise<HttpClient> {
    const http = platform.client();
    expect((await http.post('/signup', { user: `analysis${++students}_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    return http;
  }

  /** What a worker posts when the program ran under the tool: the report is the run's output. */
  async function finish(attemptId: string, output: string): Promise<void> {
    const res = await worker.post(`/mp/${LAB}/run_results`, {
      attemptId,
      status: 'passed',
      output,
      results: [{ dataset: 0, status: 'passed', passed: true, message: 'the solution is correct', timeMs: 812, output }],
    });
    expect(res.status).toBe(204);
  }

  it('queues a check on the CUDA run queue with its kind, and limits it per student and lab (429, Retry-After)', async () => {
    const student = await newStudent();
    const first = await student.post(`/mp/${LAB}/check`, { program: solution, dataset: -1 });
    expect(first.status).toBe(202);
    const job = await runCuda.getJob(first.body.attemptId);
    expect(job?.data).toMatchObject({ attemptId: first.body.attemptId, mpId: LAB, dataset: 0, analysis: 'check' });
    expect((await student.get(`/mp/${LAB}/attempt/${first.body.attemptId}`)).body).toMatchObject({ kind: 'check', status: 'queued' });

    const again = await student.post(`/mp/${LAB}/check`, { program: solution, dataset: 0 });
    expect(again.status).toBe(429);
    expect(again.body.error).toMatch(/Check memory once every 60 s per lab/);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    // Runs are not held back by it, and Profile has a limit of its own.
    expect((await student.post(`/mp/${LAB}/submit`, { program: solution, dataset: 0 })).status).toBe(202);
    const profile = await student.post(`/mp/${LAB}/profile`, { program: solution, dataset: 0 });
    expect(profile.status).toBe(202);
    expect((await runCuda.getJob(profile.body.attemptId))?.data.analysis).toBe('profile');
    const profileAgain = await student.post(`/mp/${LAB}/profile`, { program: solution, dataset: 0 });
    expect(profileAgain.status).toBe(429);
    expect(profileAgain.body.retryAfterMs).toBeGreaterThan(60_000);
    // Another student has slots of their own.
    expect((await (await newStudent()).post(`/mp/${LAB}/check`, { program: solution, dataset: 0 })).status).toBe(202);
  });

  it("offers Check memory and Profile on a CUDA lab's page only, as posts of the run form", async () => {
    const student = await newStudent();
    const cuda = (await student.get(`/mp/${LAB}`, { accept: 'text/html' })).text;
    expect(cuda).toMatch(new RegExp(`<button id="check-button"[^>]* formaction="/mp/${LAB}/check"`));
    expect(cuda).toMatch(new RegExp(`<button id="profile-button"[^>]* formaction="/mp/${LAB}/profile"`));
    const cpp = (await student.get('/mp/vector-add-cpp', { accept: 'text/html' })).text;
    expect(cpp).toContain('id="run-button"');
    expect(cpp).not.toContain('check-button');
  });

  it('refuses a lab that is not CUDA, and a bad request, without costing the slot', async () => {
    const student = await newStudent();
    const cpp = await student.post('/mp/vector-add-cpp/check', { program: 'int main() {}', dataset: 0 });
    expect(cpp.status).toBe(400);
    expect(cpp.body.error).toMatch(/Check memory is for CUDA labs/);
    expect((await student.post('/mp/vector-add-cpp/profile', { program: 'int main() {}', dataset: 0 })).status).toBe(400);
    expect((await student.post(`/mp/${LAB}/check`, { program: solution, dataset: 99 })).status).toBe(400);
    expect((await student.post('/mp/no-such-lab/check', { program: solution, dataset: 0 })).status).toBe(404);
    expect((await platform.client().post(`/mp/${LAB}/check`, { program: solution, dataset: 0 })).status).toBe(401);
    expect((await student.post(`/mp/${LAB}/check`, { program: solution, dataset: 0 })).status).toBe(202);
  });

  it("shows a finished check's errors per file:line, counted, with links to the line, as JSON and as a page", async () => {
    const student = await newStudent();
    const { attemptId } = (await student.post(`/mp/${LAB}/check`, { program: solution, dataset: 0 })).body;
    // A program's printing is data: markup in it must come out as text.
    await finish(attemptId, `<script>alert(1)</script>\n${fixture('memcheck-out-of-bounds.txt')}`);

    const json = (await student.get(`/mp/${LAB}/attempt/${attemptId}`)).body;
    expect(json.kind).toBe('check');
    expect(json.sanitizer.summaryCount).toBe(4);
    expect(json.sanitizer.errors[0]).toMatchObject({
      kind: 'Invalid __global__ write',
      file: 'program.cu',
      line: 12,
      count: 2,
      block: '(3,0,0)',
    });

    const page = await student.get(`/mp/${LAB}/attempt/${attemptId}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Memory check: 3 distinct errors');
    expect(page.text).toContain(`<a class="source-link" href="/mp/${LAB}?line=12#code" data-line="12">program.cu:12</a>`);
    expect(page.text).toContain('Check memory</span>');
    expect(page.text).not.toContain('<script>alert(1)</script>');
  });

  it("shows a finished profile's kernels with their advice, and says plainly when counters are forbidden", async () => {
    const student = await newStudent();
    const { attemptId } = (await student.post(`/mp/${LAB}/profile`, { program: solution, dataset: 0 })).body;
    await finish(attemptId, fixture('ncu-vector-add.csv'));
    const json = (await student.get(`/mp/${LAB}/attempt/${attemptId}`)).body;
    expect(json.profile.kernels.map((k: { kernel: string; advice: string }) => [k.kernel, k.advice.split(':')[0]])).toEqual([
      ['vecAdd(float *, float *, float *, int)', 'memory-bound at 81 % of peak bandwidth'],
      ['reduce(float *, float *, int)', 'memory-bound at 23 % of peak bandwidth'],
    ]);
    const page = (await student.get(`/mp/${LAB}/attempt/${attemptId}`, { accept: 'text/html' })).text;
    expect(page).toContain('Profile: 2 kernel launches');
    expect(page).toContain('memory-bound at 23 % of peak bandwidth: check coalescing');

    const other = await newStudent();
    const forbidden = (await other.post(`/mp/${LAB}/profile`, { program: solution, dataset: 0 })).body.attemptId;
    await finish(forbidden, fixture('ncu-counters-forbidden.txt'));
    expect((await other.get(`/mp/${LAB}/attempt/${forbidden}`)).body.profile).toMatchObject({ countersForbidden: true, kernels: [] });
    expect((await other.get(`/mp/${LAB}/attempt/${forbidden}`, { accept: 'text/html' })).text).toContain(
      'does not let programs read the performance counters (ERR_NVGPUCTRPERM)',
    );
  });
});
