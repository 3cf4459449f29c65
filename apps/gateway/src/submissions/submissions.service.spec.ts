import { AppConfig, AttemptReports, CatalogueService, GradeQueue, Mp, QueuedAttempt, RunQueue, toBody, User } from '@wb/common';
import type Redis from 'ioredis';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import type { ProgramsService } from '../programs/programs.service';
import type { SubmissionLimiter } from './submission-limiter';
import { SubmissionsService } from './submissions.service';

/** Recording an attempt and queueing it, with the attempts table (in memory), the queue and Redis faked. */
describe('SubmissionsService', () => {
  const mp = {
    config: { id: 'lab', toolchain: 'cpp', limits: { program_bytes: 65_536 } },
    datasets: [{ id: 0, hidden: false }],
  } as unknown as Mp;

  /** `enqueue` stands for the run queue's answer to the new attempt. */
  function setup(enqueue: (attempt: QueuedAttempt, attempts: FakeAttemptsRepository) => Promise<void>) {
    const attempts = new FakeAttemptsRepository();
    const published: string[] = [];
    const redis = { publish: async (channel: string) => published.push(channel) } as unknown as Redis;
    const catalogue = { find: () => mp } as unknown as CatalogueService;
    const reports = new AttemptReports(attempts.repository, {} as GradeQueue, redis, { REDIS_PREFIX: 'wb' } as AppConfig, catalogue);
    const service = new SubmissionsService(
      attempts.repository,
      reports,
      { save: async () => undefined } as unknown as ProgramsService,
      { tryAcquire: async () => 0 } as unknown as SubmissionLimiter,
      { enqueue: async (attempt: QueuedAttempt) => enqueue(attempt, attempts) } as unknown as RunQueue,
    );
    const submit = () => service.submit({ id: 'u1' } as User, mp, 'int main() {}', 0).catch((e: unknown) => e);
    return { attempts, published, submit };
  }

  it('records the attempt as queued and queues it', async () => {
    const queued: string[] = [];
    const { attempts, submit } = setup(async (attempt) => void queued.push(attempt.id));
    const attempt = await submit();
    expect(attempt).toMatchObject({ userId: 'u1', mpId: 'lab', kind: 'run', dataset: 0, status: 'queued' });
    expect([...attempts.rows.keys()]).toEqual(queued);
  });

  it('ends the attempt rather than leave it queued with no job, tells a watching page, and answers 503 with a Retry-After', async () => {
    const { attempts, published, submit } = setup(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')));
    const error = await submit();
    const [attempt] = attempts.rows.values();
    expect(attempt).toMatchObject({ status: 'internal_error', output: 'the run queue is unavailable' });
    expect(attempt.finishedAt).toBeInstanceOf(Date);
    expect(published).toEqual([`wb:attempt:${attempt.id}`]);
    const { status, body } = toBody(error);
    expect(status).toBe(503);
    expect(body).toEqual({ error: 'the run queue is unavailable; your program is saved, try again shortly', retryAfterMs: 5_000 });
  });

  it('keeps the verdict of a job that reached the queue and ran before the queue answered with an error', async () => {
    const { attempts, published, submit } = setup(async (attempt, table) => {
      await table.advance({ attemptId: attempt.id, status: 'passed' });
      throw new Error('Command timed out');
    });
    expect(toBody(await submit()).status).toBe(503);
    const [attempt] = attempts.rows.values();
    expect(attempt).toMatchObject({ status: 'passed', passed: true });
    expect(published).toEqual([]);
  });
});
