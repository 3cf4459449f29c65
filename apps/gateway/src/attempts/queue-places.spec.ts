import { CatalogueService, Mp, RunQueue, RunQueueLine } from '@wb/common';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import { QUEUE_TICK_MS, QueuePlaces } from './queue-places';

/** Positions and estimates from a run queue (faked: its line is what the test says) and the attempts table (in memory). */
describe('QueuePlaces', () => {
  const labs = [
    { config: { id: 'cpp-lab', toolchain: 'cpp' } },
    { config: { id: 'other-cpp-lab', toolchain: 'cpp' } },
    { config: { id: 'cuda-lab', toolchain: 'cuda' } },
  ] as Mp[];
  const catalogue = { find: (id: string) => labs.find((m) => m.config.id === id), all: () => labs } as unknown as CatalogueService;

  /** `line`: the queue's answer, or how it fails. */
  function setup(line: RunQueueLine | (() => Promise<RunQueueLine>)) {
    const attempts = new FakeAttemptsRepository();
    const looks: string[] = [];
    const runQueue = {
      line: async (toolchain: string) => {
        looks.push(toolchain);
        return typeof line === 'function' ? line() : line;
      },
    } as unknown as RunQueue;
    return { attempts, looks, places: new QueuePlaces(runQueue, attempts.repository, catalogue) };
  }

  /** A judged run of that lab that a worker held for `ms`. */
  async function ran(attempts: FakeAttemptsRepository, mpId: string, ms: number) {
    const { id } = await attempts.insertQueued({ userId: 'u', mpId, kind: 'run', dataset: 0, program: '', programSha256: '' });
    await attempts.advance({ attemptId: id, status: 'passed' });
    const row = attempts.rows.get(id)!;
    row.startedAt = new Date(row.finishedAt!.getTime() - ms);
  }

  const queued = (id: string, mpId = 'cpp-lab') => ({ id, mpId, status: 'queued' });

  it('gives the position among the waiting jobs, and no estimate before any run finished', async () => {
    const { places } = setup({ waiting: ['a', 'b', 'c'], active: 1 });
    expect(await places.of(queued('a'))).toEqual({ position: 1, estimateMs: null });
    expect(await places.of(queued('c'))).toEqual({ position: 3, estimateMs: null });
  });

  it('estimates from the median run of the toolchain’s labs, shared by the slots serving the queue', async () => {
    const { attempts, places } = setup({ waiting: ['a', 'b', 'c', 'd', 'e'], active: 2 });
    await ran(attempts, 'cpp-lab', 4_000);
    await ran(attempts, 'other-cpp-lab', 6_000);
    await ran(attempts, 'other-cpp-lab', 8_000);
    await ran(attempts, 'cuda-lab', 60_000); // another toolchain: not counted
    // Median 6 s; two jobs run at a time, so the 1st and 2nd wait one round, the 5th three.
    expect(await places.of(queued('a'))).toEqual({ position: 1, estimateMs: 6_000 });
    expect(await places.of(queued('b'))).toEqual({ position: 2, estimateMs: 6_000 });
    expect(await places.of(queued('e'))).toEqual({ position: 5, estimateMs: 18_000 });
  });

  it('gives no estimate while nothing takes jobs from the queue', async () => {
    const { attempts, places } = setup({ waiting: ['a'], active: 0 });
    await ran(attempts, 'cpp-lab', 4_000);
    expect(await places.of(queued('a'))).toEqual({ position: 1, estimateMs: null });
  });

  it('has no place for an attempt a worker has, one not queued, or a lab that is gone', async () => {
    const { places } = setup({ waiting: ['a'], active: 1 });
    expect(await places.of(queued('taken'))).toBeNull();
    expect(await places.of({ id: 'a', mpId: 'cpp-lab', status: 'compiling' })).toBeNull();
    expect(await places.of(queued('a', 'gone-lab'))).toBeNull();
  });

  it('looks at a queue once per tick however many ask, and again after the tick', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { looks, places } = setup({ waiting: ['a', 'b'], active: 1 });
      await Promise.all(Array.from({ length: 500 }, (_, i) => places.of(queued(i % 2 ? 'a' : 'b'))));
      await places.of(queued('a', 'cuda-lab'));
      expect(looks).toEqual(['cpp', 'cuda']);
      jest.setSystemTime(1_000_000 + QUEUE_TICK_MS);
      await places.of(queued('a'));
      expect(looks).toEqual(['cpp', 'cuda', 'cpp']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers null rather than fail the attempt when the queue cannot be read, and reads again next time', async () => {
    let redisDown = true;
    const { places, looks } = setup(async () => {
      if (redisDown) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      return { waiting: ['a'], active: 1 };
    });
    expect(await places.of(queued('a'))).toBeNull();
    redisDown = false;
    expect(await places.of(queued('a'))).toEqual({ position: 1, estimateMs: null });
    expect(looks).toEqual(['cpp', 'cpp']);
  });

  it('calls every watcher on one shared timer, which stops with the last watcher', () => {
    jest.useFakeTimers();
    try {
      const { places } = setup({ waiting: [], active: 0 });
      const calls = { one: 0, two: 0 };
      const stopOne = places.watch(() => calls.one++);
      const stopTwo = places.watch(() => calls.two++);
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(QUEUE_TICK_MS * 2);
      expect(calls).toEqual({ one: 2, two: 2 });
      stopOne();
      jest.advanceTimersByTime(QUEUE_TICK_MS);
      expect(calls).toEqual({ one: 2, two: 3 });
      stopTwo();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
