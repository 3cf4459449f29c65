import { Logger } from '@nestjs/common';
import { AppConfig, RunQueues, Toolchain } from '@wb/common';
import type Redis from 'ioredis';
import { FakeIncidentsRepository } from '../../../../test/support/fake-incidents-repository';
import { FakeWorkersRepository } from '../../../../test/support/fake-workers-repository';
import type { AlertQueue } from '../alerts/alert-queue';
import { IncidentsService } from './incidents.service';
import { QueueWatchService } from './queue-watch.service';

/** What the watch asks of a run queue: its consumers, its waiting jobs and the oldest of them. */
interface QueueState {
  consumers: number;
  waiting: number;
  oldestWaitingMs?: number;
}

/** The run queues' consumers and backlogs against the workers table, with BullMQ, Redis and the tables faked. */
describe('QueueWatchService', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });

  function setup(states: Partial<Record<Toolchain, QueueState>>) {
    const workers = new FakeWorkersRepository();
    const incidents = new FakeIncidentsRepository(workers);
    const queue = (toolchain: Toolchain, state: QueueState) => ({
      name: `run-${toolchain}`,
      getWorkers: async () => Array.from({ length: state.consumers }),
      getWaitingCount: async () => state.waiting,
      getJobs: async () => (state.oldestWaitingMs === undefined ? [] : [{ timestamp: Date.now() - state.oldestWaitingMs }]),
    });
    const runQueues = {
      entries: () => Object.entries(states).map(([toolchain, state]) => [toolchain, queue(toolchain as Toolchain, state)]),
    } as unknown as RunQueues;
    // How long a condition has lasted is kept in Redis (SET NX, GET, DEL).
    const kept = new Map<string, string>();
    const redis = {
      set: async (key: string, value: string) => void (kept.has(key) || kept.set(key, value)),
      get: async (key: string) => kept.get(key) ?? null,
      del: async (key: string) => Number(kept.delete(key)),
    } as unknown as Redis;
    // No wait before a missing consumer counts: the persistence is Redis's part, not what is tested here.
    const config = {
      REDIS_PREFIX: 'wb',
      HEALTH_FAILURES_TO_DOWN: 2,
      HEALTH_PROBE_INTERVAL_MS: 0,
      QUEUE_BACKLOG_ALERT_MS: 60_000,
    } as AppConfig;
    const alerts = { enqueue: async () => undefined } as unknown as AlertQueue;
    const service = new QueueWatchService(runQueues, config, workers.repository, new IncidentsService(incidents.repository, alerts), redis);
    const open = () => [...incidents.rows.values()].filter((i) => !i.closedAt).map((i) => `${i.kind} ${i.subject}`);
    return { workers, check: () => service.check(), open };
  }

  it('opens queue_no_consumer for a queue a registered worker serves and nothing consumes, not for one nobody serves', async () => {
    const { workers, check, open } = setup({ cpp: { consumers: 0, waiting: 0 }, cuda: { consumers: 0, waiting: 0 } });
    workers.add({ toolchains: ['cpp'] });
    await check();
    expect(open()).toEqual(['queue_no_consumer run-cpp']);
  });

  it('counts a worker that is down as serving its toolchains, and one that is stopped as not', async () => {
    const { workers, check, open } = setup({ cpp: { consumers: 0, waiting: 0 }, cuda: { consumers: 0, waiting: 0 } });
    workers.add({ toolchains: ['cpp'], status: 'down' });
    workers.add({ toolchains: ['cuda'], status: 'stopped' });
    await check();
    expect(open()).toEqual(['queue_no_consumer run-cpp']);
  });

  it('opens it for a queue nobody serves once a job waits in it', async () => {
    const { check, open } = setup({ cuda: { consumers: 0, waiting: 1 } });
    await check();
    expect(open()).toEqual(['queue_no_consumer run-cuda']);
  });

  it('closes it once the queue has a consumer again', async () => {
    const cpp = { consumers: 0, waiting: 0 };
    const { workers, check, open } = setup({ cpp });
    workers.add({ toolchains: ['cpp'] });
    await check();
    cpp.consumers = 1;
    await check();
    expect(open()).toEqual([]);
  });

  it('opens queue_backlog while the oldest waiting job is older than the limit', async () => {
    const cpp: QueueState = { consumers: 1, waiting: 1, oldestWaitingMs: 120_000 };
    const { workers, check, open } = setup({ cpp });
    workers.add({ toolchains: ['cpp'] });
    await check();
    expect(open()).toEqual(['queue_backlog run-cpp']);
    cpp.oldestWaitingMs = 1_000;
    await check();
    expect(open()).toEqual([]);
  });
});
