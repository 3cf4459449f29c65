import { TOOLCHAIN_SPECS } from '@wb/common';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { startNotifier } from '../support/notifier';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort, ROOT } from '../support/processes';

const LAB = 'vector-add-cpp';
const RUN_QUEUE = TOOLCHAIN_SPECS.cpp.queue;
const TOKEN = randomBytes(24).toString('hex');
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');

jest.setTimeout(180_000);

/** One scrape: each sample line's value by its series as printed (`name{labels}`). */
class Scrape {
  private readonly values = new Map<string, number>();

  constructor(readonly text: string) {
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const at = line.lastIndexOf(' ');
      this.values.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
  }

  has(series: string): boolean {
    return this.values.has(series);
  }

  /** A series not printed yet (a histogram before its first observation) counts 0. */
  value(series: string): number {
    return this.values.get(series) ?? 0;
  }

  /** Whether the metric is declared (`# TYPE`), whether or not it has samples yet. */
  declares(name: string, type: 'counter' | 'gauge' | 'histogram'): boolean {
    return this.text.split('\n').includes(`# TYPE ${name} ${type}`);
  }
}

describe('GET /metrics on the gateway, the worker, the grader and the notifier (METRICS_TOKEN set)', () => {
  let platform: TestPlatform;
  let notifier: AppProcess;
  let graderMetrics: string;
  let notifierMetrics: string;
  let students = 0;

  beforeAll(async () => {
    const [graderPort, notifierPort] = [await freePort(), await freePort()];
    graderMetrics = `http://127.0.0.1:${graderPort}/metrics`;
    notifierMetrics = `http://127.0.0.1:${notifierPort}/metrics`;
    // METRICS_PORT is the grader's and the notifier's alone: the gateway and the worker serve /metrics on their own port.
    platform = await startPlatform({ METRICS_TOKEN: TOKEN, METRICS_PORT: String(graderPort) });
    notifier = await startNotifier({ ...platform.env, METRICS_PORT: String(notifierPort) });
  });

  afterAll(async () => {
    await notifier?.stop();
    await platform?.stop();
  });

  const gatewayMetrics = () => `${platform.baseUrl}/metrics`;
  const workerMetrics = () => `${platform.workers[0].url}/metrics`;

  async function scrape(url: string): Promise<Scrape> {
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return new Scrape(await res.text());
  }

  async function newStudent(): Promise<HttpClient> {
    const client = platform.client();
    const res = await client.post('/signup', { user: `metrics${++students}_${process.pid}`, pass: 'correct horse battery' });
    expect(res.status).toBe(201);
    return client;
  }

  async function submitAndWait(client: HttpClient, program: string) {
    const submitted = await client.post(`/mp/${LAB}/submit`, { program, dataset: -1 });
    expect(submitted.status).toBe(202);
    await platform.waitForRun(submitted.body.attemptId);
    return (await client.get(`/mp/${LAB}/attempt/${submitted.body.attemptId}`)).body;
  }

  it('answers nobody without the token, on every app', async () => {
    for (const url of [gatewayMetrics(), workerMetrics(), graderMetrics, notifierMetrics]) {
      const refused: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN.slice(1)}` }, { authorization: `Basic ${TOKEN}` }];
      for (const headers of refused) {
        const res = await fetch(url, { headers });
        expect({ url, status: res.status }).toEqual({ url, status: 401 });
        expect(await res.json()).toEqual({ error: expect.stringContaining('METRICS_TOKEN') });
      }
    }
    // Nor does the worker token, which workers present everywhere else.
    const wrongSecret = await fetch(workerMetrics(), { headers: { authorization: `Bearer ${platform.env.WORKER_TOKEN}` } });
    expect(wrongSecret.status).toBe(401);
  });

  it('exposes the named series, each on the app that records it', async () => {
    const gateway = await scrape(gatewayMetrics());
    expect(gateway.declares('wb_attempt_verdicts_total', 'counter')).toBe(true);
    expect(gateway.has(`wb_attempt_verdicts_total{toolchain="cpp",verdict="passed"}`)).toBe(true);
    expect(gateway.declares('wb_program_save_duration_seconds', 'histogram')).toBe(true);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(gateway.has(`wb_queue_jobs{queue="${RUN_QUEUE}",state="${state}"}`)).toBe(true);
      expect(gateway.has(`wb_queue_jobs{queue="dead-letters",state="${state}"}`)).toBe(true);
    }
    expect(gateway.has(`wb_queue_oldest_waiting_seconds{queue="${RUN_QUEUE}"}`)).toBe(true);
    expect(gateway.value('wb_workers{toolchain="cpp",status="up"}')).toBe(1); // the platform's worker
    expect(gateway.value('wb_workers{toolchain="cuda",status="up"}')).toBe(0);
    expect(gateway.declares('process_cpu_seconds_total', 'counter')).toBe(true);
    expect(gateway.text).not.toContain('wb_compile_duration_seconds');

    const worker = await scrape(workerMetrics());
    expect(worker.declares('wb_compile_duration_seconds', 'histogram')).toBe(true);
    expect(worker.declares('wb_run_duration_seconds', 'histogram')).toBe(true);
    expect(worker.has('wb_compile_cache_lookups_total{toolchain="cpp",result="hit"}')).toBe(true);
    expect(worker.has('wb_report_retries_total')).toBe(true);
    expect(worker.has('wb_dead_letters_total')).toBe(true);
    expect(worker.declares('wb_gpu_up', 'gauge')).toBe(true);
    expect(worker.text).not.toMatch(/^wb_gpu_up\{/m); // a CPU worker has no GPU to speak of
    expect(worker.text).not.toContain('wb_queue_jobs'); // the gateway's alone: no copy per replica

    const grader = await scrape(graderMetrics);
    expect(grader.has('wb_passbacks_total{outcome="sent"}')).toBe(true);
    expect(grader.has('wb_passbacks_total{outcome="failed"}')).toBe(true);
    expect(grader.declares('nodejs_heap_size_used_bytes', 'gauge')).toBe(true);

    // The notifier ends the attempts of workers that went away as internal_error, and says so.
    const notifierScrape = await scrape(notifierMetrics);
    expect(notifierScrape.has(`wb_attempt_verdicts_total{toolchain="cpp",verdict="internal_error"}`)).toBe(true);
    expect(notifierScrape.declares('process_cpu_seconds_total', 'counter')).toBe(true);
    expect(notifierScrape.text).not.toContain('wb_queue_jobs');
  });

  it('moves with a save and two submissions: verdicts, saves, compiles, the cache and the runs', async () => {
    // A program no earlier run compiled, so that the first submission misses the compile cache.
    const program = `${solution}\n// ${randomBytes(8).toString('hex')}\n`;
    const [gateway0, worker0] = await Promise.all([scrape(gatewayMetrics()), scrape(workerMetrics())]);

    const first = await newStudent();
    expect((await first.post(`/mp/${LAB}/save`, { program })).status).toBe(200);
    const passed = await submitAndWait(first, program);
    expect(passed.status).toBe('passed');
    const datasets = passed.results.length;
    expect(datasets).toBeGreaterThanOrEqual(2);
    const [gateway1, worker1] = await Promise.all([scrape(gatewayMetrics()), scrape(workerMetrics())]);

    const moved = (before: Scrape, after: Scrape, series: string) => after.value(series) - before.value(series);
    expect(moved(gateway0, gateway1, 'wb_attempt_verdicts_total{toolchain="cpp",verdict="passed"}')).toBe(1);
    expect(moved(gateway0, gateway1, 'wb_program_save_duration_seconds_count')).toBe(2); // the save, and the submission's own
    expect(moved(gateway0, gateway1, 'wb_program_save_duration_seconds_bucket{le="+Inf"}')).toBe(2);
    expect(moved(worker0, worker1, 'wb_compile_cache_lookups_total{toolchain="cpp",result="miss"}')).toBe(1);
    expect(moved(worker0, worker1, 'wb_compile_duration_seconds_count{toolchain="cpp"}')).toBe(1);
    expect(moved(worker0, worker1, 'wb_run_duration_seconds_count{toolchain="cpp"}')).toBe(datasets);
    expect(moved(worker0, worker1, 'wb_run_duration_seconds_sum{toolchain="cpp"}')).toBeGreaterThan(0);
    expect(gateway1.value(`wb_queue_jobs{queue="${RUN_QUEUE}",state="waiting"}`)).toBe(0);

    // The same program from another student: the compiler is skipped, the runs are not.
    const second = await newStudent();
    expect((await submitAndWait(second, program)).status).toBe('passed');
    const [gateway2, worker2] = await Promise.all([scrape(gatewayMetrics()), scrape(workerMetrics())]);
    expect(moved(gateway1, gateway2, 'wb_attempt_verdicts_total{toolchain="cpp",verdict="passed"}')).toBe(1);
    expect(moved(worker1, worker2, 'wb_compile_cache_lookups_total{toolchain="cpp",result="hit"}')).toBe(1);
    expect(moved(worker1, worker2, 'wb_compile_duration_seconds_count{toolchain="cpp"}')).toBe(0);
    expect(moved(worker1, worker2, 'wb_run_duration_seconds_count{toolchain="cpp"}')).toBe(datasets);
    expect(moved(worker1, worker2, 'wb_report_retries_total')).toBe(0);
    expect(moved(worker1, worker2, 'wb_dead_letters_total')).toBe(0);
  });

  it('counts a run waiting in its queue with its wait, until it leaves the queue', async () => {
    // A CUDA lab, which no worker of this platform serves: its run waits in its queue.
    const cudaLab = 'vector-add';
    const waiting = `wb_queue_jobs{queue="${TOOLCHAIN_SPECS.cuda.queue}",state="waiting"}`;
    const oldest = `wb_queue_oldest_waiting_seconds{queue="${TOOLCHAIN_SPECS.cuda.queue}"}`;
    const before = await scrape(gatewayMetrics());
    expect([before.value(waiting), before.value(oldest)]).toEqual([0, 0]);

    const student = await newStudent();
    const program = readFileSync(join(ROOT, 'mps', cudaLab, 'solution.cu'), 'utf8');
    const submitted = await student.post(`/mp/${cudaLab}/submit`, { program, dataset: 0 });
    expect(submitted.status).toBe(202);
    const queued = await scrape(gatewayMetrics());
    expect(queued.value(waiting)).toBe(1);
    expect(queued.value(oldest)).toBeGreaterThan(0);

    expect((await student.post(`/mp/${cudaLab}/attempt/${submitted.body.attemptId}/cancel`)).status).toBe(200);
    const after = await scrape(gatewayMetrics());
    expect([after.value(waiting), after.value(oldest)]).toEqual([0, 0]);
  });

  it("shows a worker's GPU check once it ran, and the workers up per toolchain", async () => {
    // A site probe command stands for the GPU here: one that fails, as a GPU that fell off the bus.
    const gpuWorker = await platform.startWorker(`metrics-gpu-${process.pid}`, { GPU_PROBE_COMMAND: 'echo "GPU is lost" >&2; exit 1' });
    const url = `${gpuWorker.url}/metrics`;
    expect((await scrape(url)).text).not.toMatch(/^wb_gpu_up\{/m);
    const probe = await fetch(`${gpuWorker.url}/is_gpu_alive`, { headers: { authorization: `Bearer ${platform.env.WORKER_TOKEN}` } });
    expect(await probe.json()).toMatchObject({ alive: false });
    const probed = await scrape(url); // the worker detected no GPU: the probe command speaks for one
    expect([probed.has('wb_gpu_up{gpu="unknown"}'), probed.value('wb_gpu_up{gpu="unknown"}')]).toEqual([true, 0]);
    expect((await scrape(gatewayMetrics())).value('wb_workers{toolchain="cpp",status="up"}')).toBe(2);
  });
});
