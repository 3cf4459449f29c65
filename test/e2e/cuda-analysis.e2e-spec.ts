import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunJob, TOOLCHAIN_SPECS } from '@wb/common';
import { Queue } from 'bullmq';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { buildWb, expectWbExit, newWbStudent, WB_EXIT, WbStudent } from '../support/wb';

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

  /**
   * The students' client, `wb check` and `wb profile`, against the same platform: wb waits for the
   * attempt as it would for a worker's verdict while the test posts the report in the worker's
   * place, then what wb printed and its exit status are the student's whole view of it.
   */
  describe('wb check and wb profile', () => {
    let scratch: string;

    beforeAll(() => {
      buildWb();
      scratch = mkdtempSync(join(tmpdir(), 'wb-analysis-e2e-'));
    });

    afterAll(() => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    async function pulledWbStudent(lab = LAB): Promise<WbStudent> {
      const student = await newWbStudent(platform, scratch, `wbanalysis${++students}_${process.pid}`);
      expectWbExit(await student.wb(['login', '--server', platform.baseUrl, '--key', student.apiKey]), WB_EXIT.ok);
      expectWbExit(await student.wb(['pull', lab]), WB_EXIT.ok);
      return student;
    }

    /** The attempt of `kind` that the student's running wb queued, once its job is on the CUDA run queue. */
    async function queuedByWb(student: WbStudent, kind: 'check' | 'profile'): Promise<string> {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const attempts: { id: string; kind: string; status: string }[] = (await student.http.get(`/mp/${LAB}/attempts`)).body;
        const queued = attempts.find((a) => a.kind === kind && a.status === 'queued');
        const job = queued && (await runCuda.getJob(queued.id));
        if (job) {
          expect(job.data).toMatchObject({ mpId: LAB, dataset: 0, analysis: kind });
          return job.data.attemptId;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`wb ${kind} queued no attempt within 30 s`);
    }

    it('lists each memory error with its line, kernel, thread and count (exit 1), and explains a second check too soon (429, exit 7)', async () => {
      const student = await pulledWbStudent();
      const running = student.wb(['check', LAB, '--dataset', '0', '--wait', '60']);
      const attemptId = await queuedByWb(student, 'check');
      await finish(attemptId, fixture('memcheck-out-of-bounds.txt'));
      const check = await running;
      expectWbExit(check, WB_EXIT.failed);
      expect(check.stderr).toContain(`asked for a memory check of ${LAB}/program.cu (attempt ${attemptId}) on dataset 0`);
      expect(check.stdout).toContain(`Attempt ${attemptId} on dataset 0: passed`);
      expect(check.stdout).toContain('Memory check (compute-sanitizer): 3 distinct errors, 4 reported in all:\n');
      expect(check.stdout).toContain('  1. Invalid __global__ write at program.cu:12 (2 times)\n');
      expect(check.stdout).toMatch(
        /\n {5}kernel {6}vecAdd\(float \*, float \*, float \*, int\)\n {5}first seen {2}thread \(232,0,0\) of block \(3,0,0\)\n/,
      );
      expect(check.stdout).toMatch(/details +Address 0x7f3a5e000fa0 is out of bounds\n/);
      expect(check.stdout).toContain('  3. Program hit cudaErrorLaunchFailure (no source line)\n');
      expect(check.stdout).toMatch(/\nERRORS FOUND: 3 distinct errors; fix the first one first/);
      // The report stands in for the tool's own text, which only --verbose shows.
      expect(check.stdout).not.toContain('=========');

      const again = await student.wb(['check', LAB, '--dataset', '0']);
      expectWbExit(again, WB_EXIT.rateLimited);
      expect(again.stderr).toMatch(/too many requests while asking for a memory check \(429\): Check memory once every 60 s per lab/);
      expect(again.stderr).toMatch(/hint: try again in \d+ s/);
      expect(again.stdout).toBe('');
    });

    it('says plainly when the program is clean (exit 0)', async () => {
      const student = await pulledWbStudent();
      const running = student.wb(['check', LAB, '--dataset', '0', '--wait', '60', '--verbose']);
      await finish(await queuedByWb(student, 'check'), fixture('memcheck-clean.txt'));
      const check = await running;
      expectWbExit(check, WB_EXIT.ok);
      expect(check.stdout).toContain("compute-sanitizer's output:\n  | ========= COMPUTE-SANITIZER\n");
      expect(check.stdout).toMatch(/\nCLEAN: compute-sanitizer found no memory error, race or barrier error on this dataset\.\n$/);
    });

    it('says there is no report when the program did not compile (exit 1), with the compiler output', async () => {
      const student = await pulledWbStudent();
      const running = student.wb(['check', LAB, '--wait', '60']);
      const attemptId = await queuedByWb(student, 'check');
      const compilerOutput = 'program.cu(12): error: expected a ";"';
      expect(
        (await worker.post(`/mp/${LAB}/run_results`, { attemptId, status: 'compile_error', compilerOutput, results: [] })).status,
      ).toBe(204);
      const check = await running;
      expectWbExit(check, WB_EXIT.failed);
      expect(check.stderr).toContain('on the first public dataset; waiting for the result');
      expect(check.stdout).toContain(`Compiler output:\n  | ${compilerOutput}\n`);
      expect(check.stdout).toMatch(/\nNO REPORT: the program did not run under compute-sanitizer \(compile_error\)\.\n$/);
    });

    it("shows each kernel's figures and advice (exit 0), says when counters are forbidden (exit 14), and a second profile's wait (429)", async () => {
      const student = await pulledWbStudent();
      const running = student.wb(['profile', LAB, '--dataset', '0', '--wait', '60']);
      await finish(await queuedByWb(student, 'profile'), fixture('ncu-vector-add.csv'));
      const profile = await running;
      expectWbExit(profile, WB_EXIT.ok);
      expect(profile.stdout).toContain('Profile (Nsight Compute): 2 kernel launches\n');
      expect(profile.stdout).toMatch(
        /\n {2}kernel {16}vecAdd\(float \*, float \*, float \*, int\) {3}\(launch 0\)\n {2}duration {14}12\.8 µs\n {2}achieved occupancy {4}85 %\n {2}DRAM throughput {7}81 % of peak\n/,
      );
      expect(profile.stdout).toMatch(
        /registers per thread {2}32\n {2}shared memory\/block {3}2050 B\n {2}advice {16}memory-bound at 23 % of peak bandwidth: check coalescing/,
      );

      const again = await student.wb(['profile', LAB]);
      expectWbExit(again, WB_EXIT.rateLimited);
      expect(again.stderr).toMatch(/while asking for a profile \(429\): Profile once every 600 s per lab/);
      expect(again.stderr).toMatch(/hint: try again in \d{3} s/);

      const other = await pulledWbStudent();
      const forbidden = other.wb(['profile', LAB, '--dataset', '0', '--wait', '60']);
      await finish(await queuedByWb(other, 'profile'), fixture('ncu-counters-forbidden.txt'));
      const nothing = await forbidden;
      expectWbExit(nothing, WB_EXIT.unsupported);
      expect(nothing.stdout).toContain('NO PROFILE: this GPU host does not allow performance counters (ERR_NVGPUCTRPERM)');
    });

    it("explains a CPU lab's refusal (400, exit 9) and documents both commands", async () => {
      const student = await pulledWbStudent('vector-add-cpp');
      for (const [command, what] of [
        ['check', 'a memory check'],
        ['profile', 'a profile'],
      ]) {
        const refused = await student.wb([command, 'vector-add-cpp']);
        expectWbExit(refused, WB_EXIT.refused);
        expect(refused.stderr).toMatch(
          new RegExp(`refused the request while asking for ${what} \\(400\\): .* is for CUDA labs; lab "vector-add-cpp" is`),
        );
        const help = await student.wb([command, '--help']);
        expectWbExit(help, WB_EXIT.ok);
        expect(help.stdout).toContain(`usage: wb ${command} LAB [--dataset N] [--wait SECONDS] [--verbose]`);
        expect(help.stdout).toContain(`$ wb ${command} vector-add --dataset 0`);
      }
      expect((await student.wb(['--help'])).stdout).toMatch(/\n {2}check {6}.*\n {2}profile {4}/);
    });
  });
});
