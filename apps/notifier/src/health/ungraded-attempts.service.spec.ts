import type { AppConfig, GradeQueue } from '@wb/common';
import type { JobState } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UngradedAttemptsService } from './ungraded-attempts.service';

/** The decisions for each judged grade attempt without a grade, with the queue and Postgres faked. */
describe('UngradedAttemptsService', () => {
  function service(jobs: Record<string, { state: JobState | 'unknown'; triesUsedUp?: boolean }>, unreachable?: string) {
    const calls: string[] = [];
    const grades = {
      state: async (id: string) => (id === unreachable ? Promise.reject(new Error('Redis blinked')) : jobs[id].state),
      triesUsedUp: async (id: string) => jobs[id].triesUsedUp ?? false,
      enqueue: async (id: string) => void calls.push(`enqueue ${id}`),
      enqueueAgain: async (id: string) => void calls.push(`again ${id}`),
    } as unknown as GradeQueue;
    const dataSource = { query: async () => Object.keys(jobs).map((id) => ({ id })) } as unknown as DataSource;
    const config = { STRANDED_ATTEMPT_AFTER_MS: 60_000 } as AppConfig;
    return { check: () => new UngradedAttemptsService(dataSource, grades, config).check(), calls };
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
});
