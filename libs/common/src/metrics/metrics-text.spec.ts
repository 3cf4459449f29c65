import { MetricsText, ProcessSeries, SharedStateReader } from './metrics-text';
import { collectProcessMetrics } from './registries';
import { METRICS, registerMetricsOf, SHARED_STATE_METRICS } from './wb-metrics';

/** The sample lines of a scrape (no comments), for exact comparisons. */
const samples = (text: string, prefix: string) => text.split('\n').filter((line) => line.startsWith(prefix));

describe('what GET /metrics answers', () => {
  beforeAll(() => registerMetricsOf('gateway'));

  it("shows only the app's own series, counters at 0 for every toolchain and verdict from the start", async () => {
    registerMetricsOf('gateway'); // a second time adds nothing
    const text = await new MetricsText().render();
    expect(text).toMatch(/^# TYPE wb_attempt_verdicts_total counter$/m);
    expect(text).toMatch(/^# TYPE wb_program_save_duration_seconds histogram$/m);
    expect(text).toContain('wb_attempt_verdicts_total{toolchain="cpp",verdict="passed"} 0');
    expect(text).toContain('wb_attempt_verdicts_total{toolchain="cuda",verdict="internal_error"} 0');
    expect(text).not.toContain('wb_compile_duration_seconds'); // the worker's
    expect(text).not.toContain('wb_passbacks_total'); // the grader's
    expect(text).not.toContain('wb_queue_jobs'); // no shared state read here
  });

  it('moves with what the process records', async () => {
    METRICS.attemptVerdicts.inc({ toolchain: 'cpp', verdict: 'failed' });
    METRICS.programSaveSeconds.observe(0.004);
    const text = await new MetricsText().render();
    expect(text).toContain('wb_attempt_verdicts_total{toolchain="cpp",verdict="failed"} 1');
    expect(samples(text, 'wb_program_save_duration_seconds_bucket{le="0.005"}')).toEqual([
      'wb_program_save_duration_seconds_bucket{le="0.005"} 1',
    ]);
    expect(samples(text, 'wb_program_save_duration_seconds_count')).toEqual(['wb_program_save_duration_seconds_count 1']);
  });

  it("adds Node's process series once the app serves metrics", async () => {
    expect(await new MetricsText().render()).not.toContain('process_cpu_seconds_total');
    collectProcessMetrics();
    collectProcessMetrics();
    const text = await new MetricsText().render();
    expect(samples(text, 'process_cpu_seconds_total')).toHaveLength(1);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it("uses the process series it is given in place of its own (a gateway cluster's sum)", async () => {
    const summed = new (class extends ProcessSeries {
      text = async () => 'wb_attempt_verdicts_total{toolchain="cpp",verdict="passed"} 7\n';
    })();
    expect(await new MetricsText(summed).render()).toBe('wb_attempt_verdicts_total{toolchain="cpp",verdict="passed"} 7\n');
  });

  it('reads the shared state at each scrape, and leaves it out, not stale, when it cannot', async () => {
    let depth = 3;
    let fail: Error | null = null;
    const reader = new (class extends SharedStateReader {
      read = async () => {
        if (fail) throw fail;
        SHARED_STATE_METRICS.queueJobs.set({ queue: 'run-cpu', state: 'waiting' }, depth);
      };
    })();
    const text = new MetricsText(undefined, reader);
    expect(samples(await text.render(), 'wb_queue_jobs')).toEqual(['wb_queue_jobs{queue="run-cpu",state="waiting"} 3']);
    depth = 5;
    expect(samples(await text.render(), 'wb_queue_jobs')).toEqual(['wb_queue_jobs{queue="run-cpu",state="waiting"} 5']);
    fail = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const without = await text.render();
    expect(samples(without, 'wb_queue_jobs')).toEqual([]);
    expect(without).toContain('wb_attempt_verdicts_total'); // the process's own series still come
  });

  it('gives up on a shared state that does not answer within 3 s', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      SHARED_STATE_METRICS.queueJobs.set({ queue: 'grade', state: 'active' }, 1);
      const hanging = new (class extends SharedStateReader {
        read = () => new Promise<void>(() => undefined);
      })();
      const rendered = new MetricsText(undefined, hanging).render();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(samples(await rendered, 'wb_queue_jobs')).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });
});
