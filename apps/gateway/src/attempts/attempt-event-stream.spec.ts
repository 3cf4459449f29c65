import { Attempt } from '@wb/common';
import { EventEmitter } from 'events';
import type { FastifyReply } from 'fastify';
import { streamAttempt } from './attempt-event-stream';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptProgress, RunProgress, runProgress } from './attempt-progress';
import { QueuePlaces } from './queue-places';

/** The event stream's relay of the worker's progress, with the notifier, queue and job faked. */
describe('streamAttempt: progress through the datasets', () => {
  const attempt = (status: string): Attempt =>
    ({
      id: 'a1',
      mpId: 'lab',
      kind: 'run',
      dataset: -1,
      status,
      createdAt: new Date(0),
      results: [],
      timers: [],
      logs: [],
      program: '',
      compilerOutput: '',
      output: '',
    }) as unknown as Attempt;

  const streams: (() => void)[] = [];
  afterEach(() => streams.splice(0).forEach((end) => end()));

  async function setup(first: string, held: RunProgress | null = null) {
    let current = attempt(first);
    const changed: (() => void)[] = [];
    const told: ((p: RunProgress) => void)[] = [];
    const notifier = {
      track: () => () => undefined,
      listen: async (_id: string, listener: () => void) => (changed.push(listener), () => undefined),
    } as unknown as AttemptNotifier;
    const places = { of: async () => null, watch: () => () => undefined } as unknown as QueuePlaces;
    let listening = 0;
    const progress = {
      listen: (_a: unknown, listener: (p: RunProgress) => void) => {
        told.push(listener);
        listening++;
        return () => listening--;
      },
      current: async () => held,
    } as unknown as AttemptProgress;
    const writes: string[] = [];
    const res = Object.assign(new EventEmitter(), {
      writeHead: () => res,
      flushHeaders: () => undefined,
      write: (s: string) => writes.push(s),
      end: () => undefined,
    });
    const reply = { hijack: () => reply, raw: res, getHeaders: () => ({}) };
    await streamAttempt(reply as unknown as FastifyReply, notifier, places, progress, 'a1', async () => current);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    const events = () =>
      writes
        .filter((w) => w.startsWith('event: status'))
        .map((w) => JSON.parse(w.slice(w.indexOf('data: ') + 6)) as { status: string; progress?: unknown });
    streams.push(() => res.emit('close'));
    return {
      events,
      settle,
      listening: () => listening,
      change: async (status: string) => {
        current = attempt(status);
        changed.forEach((l) => l());
        await settle();
      },
      tell: async (p: RunProgress) => {
        told.forEach((l) => l(p));
        await settle();
      },
    };
  }

  it('sends each dataset the worker starts as the running attempt’s progress', async () => {
    const s = await setup('running');
    await s.tell({ done: 0, total: 6 });
    await s.tell({ done: 2, total: 6 });
    expect(s.events().map((e) => [e.status, e.progress])).toEqual([
      ['running', null],
      ['running', { done: 0, total: 6 }],
      ['running', { done: 2, total: 6 }],
    ]);
  });

  it('starts from what the job holds when the run was under way before the stream', async () => {
    const s = await setup('running', { done: 3, total: 8 });
    expect(s.events().at(-1)).toMatchObject({ status: 'running', progress: { done: 3, total: 8 } });
  });

  it('sends no progress before the attempt runs nor with its verdict, and stops listening then', async () => {
    const s = await setup('queued');
    await s.tell({ done: 0, total: 6 }); // the worker started before its "running" report arrived
    expect(s.events().map((e) => e.status)).toEqual(['queued']);
    expect(s.events()[0].progress).toBeNull();
    await s.change('running');
    expect(s.events().at(-1)).toMatchObject({ status: 'running', progress: { done: 0, total: 6 } });
    await s.change('passed');
    expect(s.events().at(-1)).toMatchObject({ status: 'passed', progress: null });
    expect(s.listening()).toBe(0);
  });
});

describe('runProgress', () => {
  it('takes the worker’s progress and nothing else', () => {
    expect(runProgress({ dataset: 4, done: 2, total: 6 })).toEqual({ done: 2, total: 6 });
    expect(runProgress(50)).toBeNull(); // a percentage: not a worker's
    expect(runProgress({ done: 6, total: 6 })).toBeNull();
    expect(runProgress({ done: -1, total: 6 })).toBeNull();
    expect(runProgress({ done: '1', total: 6 })).toBeNull();
    expect(runProgress(null)).toBeNull();
  });
});
