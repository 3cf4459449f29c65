import type { AppConfig, Attempt, GradeQueue } from '@wb/common';
import type { JobState } from 'bullmq';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import { UngradedAttemptsService } from './ungraded-attempts.service';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** The decisions for each judged grade attempt without a grade, with the queue and the attempts table faked. */
describe('UngradedAttemptsService', () => {
  function service(jobs: Record<string, { state: JobState | 'unknown'; triesUsedUp?: boolean }>, unreachable?: string) {
    const attempts = new FakeAttemptsRepository();
    const ids = new Map<string, string>();
    for (const name of Object.keys(jobs))
      ids.set(attempts.add({ kind: 'grade', status: 'passed', passed: true, finishedAt: minutesAgo(5) }).id, name);
    const name = (id: string) => ids.get(id) ?? id;
    // An attempt the test added by itself has lost its job: looked at, it would be queued again.
    const job = (id: string) => jobs[name(id)] ?? { state: 'unknown' };
    const calls: string[] = [];
    const grades = {
      state: async (id: string) => (name(id) === unreachable ? Promise.reject(new Error('Redis blinked')) : job(id).state),
      triesUsedUp: async (id: string) => job(id).triesUsedUp ?? false,
      enqueue: async (id: string) => void calls.push(`enqueue ${name(id)}`),
      enqueueAgain: async (id: string) => void calls.push(`again ${name(id)}`),
    } as unknown as GradeQueue;
    const config = { STRANDED_ATTEMPT_AFTER_MS: 60_000 } as AppConfig;
    const add = (fields: Partial<Attempt>) => attempts.add(fields);
    return { check: () => new UngradedAttemptsService(attempts.repository, grades, config).check(), calls, add, attempts };
  }

  it('queues a lost grade job again, and anew one that used every try', async () => {
    const { check, calls } = service({ lost: { state: 'unknown' }, exhausted: { state: 'failed', triesUsedUp: true } });
    await check();
    expect(calls).toEqual(['enqueue lost', 'again exhausted']);
  });

  it('leaves a job the grader refused for good, and jobs that wait, run or are done', async () => {
    const { check, calls } = service({
      refused: { state: 'failed', triesUsedUp: false },
      waiting: { state: 'waiting' },
      delayed: { state: 'delayed' },
      active: { state: 'active' },
      completed: { state: 'completed' },
    });
    await check();
    expect(calls).toEqual([]);
  });

  it('goes on with the other attempts when one cannot be looked at', async () => {
    const { check, calls } = service({ broken: { state: 'unknown' }, lost: { state: 'unknown' } }, 'broken');
    await check();
    expect(calls).toEqual(['enqueue lost']);
  });

  it('looks only at judged grade attempts without a grade, settled for a while', async () => {
    const { check, calls, add, attempts } = service({});
    add({ kind: 'grade', status: 'internal_error', finishedAt: minutesAgo(5) });
    add({ kind: 'grade', status: 'cancelled', finishedAt: minutesAgo(5) });
    add({ kind: 'run', status: 'passed', finishedAt: minutesAgo(5) });
    add({ kind: 'grade', status: 'passed', finishedAt: new Date() });
    add({ kind: 'grade', status: 'running' });
    attempts.graded.add(add({ kind: 'grade', status: 'failed', finishedAt: minutesAgo(5) }).id);
    const ungraded = add({ kind: 'grade', status: 'failed', finishedAt: minutesAgo(5) });
    await check();
    expect(calls).toEqual([`enqueue ${ungraded.id}`]);
  });
});
