import { AppConfig, Attempt, AttemptReports, CatalogueService, GradeQueue, QueuedAttempt, RunQueue } from '@wb/common';
import type { JobState } from 'bullmq';
import type Redis from 'ioredis';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import { StrandedAttemptsService } from './stranded-attempts.service';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** What becomes of each attempt unfinished for long, with the attempts table, the queues, Redis and the catalogue faked. */
describe('StrandedAttemptsService', () => {
  function setup(jobs: Record<string, JobState | 'unknown' | 'unreachable'>) {
    const attempts = new FakeAttemptsRepository();
    const requeued: string[] = [];
    const gradeJobs: string[] = [];
    const published: string[] = [];
    const job = (id: string) => jobs[id] ?? 'waiting';
    const runQueue = {
      state: async (id: string) => (job(id) === 'unreachable' ? Promise.reject(new Error('Redis blinked')) : job(id)),
      failedReason: async () => 'job stalled more than allowable limit',
      enqueue: async (attempt: QueuedAttempt) => void requeued.push(attempt.id),
    } as unknown as RunQueue;
    const catalogue = {
      find: (mpId: string) => (mpId === 'lab' ? { config: { toolchain: 'cpp' } } : undefined),
    } as unknown as CatalogueService;
    const reports = new AttemptReports(
      attempts.repository,
      { enqueue: async (id: string) => void gradeJobs.push(id) } as unknown as GradeQueue,
      { publish: async (channel: string) => published.push(channel) } as unknown as Redis,
      { REDIS_PREFIX: 'wb' } as AppConfig,
      catalogue,
    );
    const config = { STRANDED_ATTEMPT_AFTER_MS: 60_000 } as AppConfig;
    const service = new StrandedAttemptsService(attempts.repository, catalogue, runQueue, reports, config);
    const stranded = (fields: Partial<Attempt> = {}) => attempts.add({ createdAt: minutesAgo(5), ...fields });
    return { check: () => service.check(), attempts, stranded, requeued, gradeJobs, published };
  }

  it('ends an attempt whose job failed for good as internal_error saying why, announced, and its grade job finds it unjudged', async () => {
    const failedJobs: Record<string, 'failed'> = {};
    const { check, attempts, stranded, gradeJobs, published } = setup(failedJobs);
    const grade = stranded({ kind: 'grade', status: 'running' });
    failedJobs[grade.id] = 'failed';
    await check();
    expect(attempts.rows.get(grade.id)).toMatchObject({ status: 'internal_error', passed: false });
    expect(attempts.rows.get(grade.id)?.output).toMatch(/could not run this attempt \(job stalled more than allowable limit\)/);
    expect(published).toEqual([`wb:attempt:${grade.id}`]);
    // The grader hears of it like any verdict and gives no grade for an internal_error.
    expect(gradeJobs).toEqual([grade.id]);
  });

  it('queues again an attempt whose job is gone, and ends one of a lab no longer offered', async () => {
    const lostJobs: Record<string, 'unknown'> = {};
    const { check, attempts, stranded, requeued } = setup(lostJobs);
    const lost = stranded();
    const retired = stranded({ mpId: 'retired-lab' });
    lostJobs[lost.id] = 'unknown';
    await check();
    expect(requeued).toEqual([lost.id]);
    expect(attempts.rows.get(lost.id)?.status).toBe('queued');
    expect(attempts.rows.get(retired.id)).toMatchObject({ status: 'internal_error', output: expect.stringMatching(/no longer offered/) });
  });

  it('leaves jobs that wait or run, and attempts too young to be stranded or finished already', async () => {
    const { check, attempts, stranded, requeued, published } = setup({});
    const waiting = stranded();
    const young = attempts.add({ createdAt: new Date(), mpId: 'retired-lab' });
    const done = stranded({ mpId: 'retired-lab', status: 'passed', finishedAt: minutesAgo(1) });
    await check();
    expect([waiting, young, done].map((a) => attempts.rows.get(a.id)?.status)).toEqual(['queued', 'queued', 'passed']);
    expect(requeued).toEqual([]);
    expect(published).toEqual([]);
  });

  it('goes on with the other attempts when one cannot be looked at', async () => {
    const jobs: Record<string, 'unreachable' | 'unknown'> = {};
    const { check, stranded, requeued } = setup(jobs);
    const broken = stranded({ createdAt: minutesAgo(10) });
    const lost = stranded();
    Object.assign(jobs, { [broken.id]: 'unreachable', [lost.id]: 'unknown' });
    await check();
    expect(requeued).toEqual([lost.id]);
  });
});
