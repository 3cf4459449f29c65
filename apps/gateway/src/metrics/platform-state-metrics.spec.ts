import type { ModuleRef } from '@nestjs/core';
import { MetricsText, WorkersRepository } from '@wb/common';
import type { Job, Queue } from 'bullmq';
import { FakeWorkersRepository } from '../../../../test/support/fake-workers-repository';
import { METRIC_QUEUES, PlatformStateMetrics } from './platform-state-metrics';

/** A queue as the scrape reads it: its counts, and the oldest waiting job's enqueue time. */
function fakeQueue(name: string, counts: Record<string, number> = {}, oldestAt?: number): Queue {
  return {
    name,
    getJobCounts: async (...states: string[]) => Object.fromEntries(states.map((s) => [s, counts[s] ?? 0])),
    getJobs: async () => (oldestAt === undefined ? [] : [{ timestamp: oldestAt } as Job]),
  } as unknown as Queue;
}

describe('PlatformStateMetrics', () => {
  it("reads every queue's depth by state and oldest wait, and the workers up and down per toolchain", async () => {
    const now = Date.now();
    const queues = new Map<string, Queue>(METRIC_QUEUES.map((name) => [name, fakeQueue(name)]));
    queues.set('run-cpu', fakeQueue('run-cpu', { waiting: 4, active: 2, failed: 1 }, now - 90_000));
    queues.set('dead-letters', fakeQueue('dead-letters', { waiting: 1 }, now - 5_000));
    const moduleRef = { get: (token: string) => queues.get(token.replace(/^BullQueue_/, '')) } as unknown as ModuleRef;
    const workers = new FakeWorkersRepository();
    await workers.register({
      name: 'cpu-1',
      url: 'http://cpu-1:8090',
      toolchains: ['cpp', 'opencl'],
      gpu: null,
      gpuProbe: false,
      version: null,
    });
    const down = await workers.register({
      name: 'cpu-2',
      url: 'http://cpu-2:8090',
      toolchains: ['cpp'],
      gpu: null,
      gpuProbe: false,
      version: null,
    });
    await workers.markDown(down);
    await workers.deregister(
      await workers.register({ name: 'gpu-1', url: 'http://gpu-1:8090', toolchains: ['cuda'], gpu: 'H100', gpuProbe: true, version: null }),
    );

    const text = await new MetricsText(undefined, new PlatformStateMetrics(moduleRef, workers as unknown as WorkersRepository)).render();
    const value = (series: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.split(' ')[1],
      );

    expect([value('wb_queue_jobs{queue="run-cpu",state="waiting"}'), value('wb_queue_jobs{queue="run-cpu",state="active"}')]).toEqual([
      4, 2,
    ]);
    expect([value('wb_queue_jobs{queue="run-cpu",state="delayed"}'), value('wb_queue_jobs{queue="run-cpu",state="failed"}')]).toEqual([
      0, 1,
    ]);
    expect(value('wb_queue_jobs{queue="dead-letters",state="waiting"}')).toBe(1);
    expect(value('wb_queue_oldest_waiting_seconds{queue="run-cpu"}')).toBeGreaterThanOrEqual(90);
    expect(value('wb_queue_oldest_waiting_seconds{queue="run-cpu"}')).toBeLessThan(100);
    expect(value('wb_queue_oldest_waiting_seconds{queue="grade"}')).toBe(0);
    expect(text.split('\n').filter((line) => line.startsWith('wb_queue_oldest_waiting_seconds{'))).toHaveLength(METRIC_QUEUES.length);

    expect(value('wb_workers{toolchain="cpp",status="up"}')).toBe(1);
    expect(value('wb_workers{toolchain="cpp",status="down"}')).toBe(1);
    expect(value('wb_workers{toolchain="opencl",status="up"}')).toBe(1);
    expect(value('wb_workers{toolchain="cuda",status="up"}')).toBe(0); // stopped: not counted
  });
});
