import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ReportProxy, startReportProxy } from '../support/report-proxy';

jest.setTimeout(120_000);

const LAB = 'vector-add-cpp';
const SOLUTION = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');

/**
 * What a worker tells the gateway while it judges an attempt: `compiling` only when the compiler
 * really runs, so that a resubmission the compile cache serves goes from queued straight to
 * running, and costs the gateway one report fewer.
 */
describe("a worker's progress reports", () => {
  let platform: TestPlatform;
  let proxy: ReportProxy;
  const reports: { attemptId?: string; status?: string }[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ SUBMIT_INTERVAL_MS: '0' }, { worker: false, grader: false });
    proxy = await startReportProxy(() => platform.baseUrl);
    proxy.setRule((report) => {
      reports.push(report);
      return 'forward';
    });
    await platform.startWorker(`progress-${process.pid}`, { GATEWAY_URL: proxy.url });
  });

  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
  });

  it('reports compiling for a program compiled anew, and only running and the verdict for a cached one', async () => {
    const student = platform.client();
    expect((await student.post('/signup', { user: `progress_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    // A program no earlier run compiled: the first submission misses the cache, the second hits it.
    const program = `${SOLUTION}\n// progress ${process.pid} ${Date.now()}\n`;
    const statusesOf = async () => {
      const submitted = await student.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
      expect(submitted.status).toBe(202);
      const attemptId = submitted.body.attemptId as string;
      await platform.waitForRun(attemptId);
      const attempt = (await student.get(`/mp/${LAB}/attempt/${attemptId}`)).body;
      expect(attempt).toMatchObject({ status: 'passed', startedAt: expect.any(String), finishedAt: expect.any(String) });
      // In the order they were sent: progress is not awaited, so on a busy machine one may reach the proxy late.
      const order = ['compiling', 'running', 'passed'];
      return reports
        .filter((r) => r.attemptId === attemptId)
        .map((r) => r.status)
        .sort((a, b) => order.indexOf(a!) - order.indexOf(b!));
    };

    expect(await statusesOf()).toEqual(['compiling', 'running', 'passed']);
    expect(await statusesOf()).toEqual(['running', 'passed']);
  });
});
