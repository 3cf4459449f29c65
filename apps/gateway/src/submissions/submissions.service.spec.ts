import { Attempt, Mp, RunQueue, toBody, User } from '@wb/common';
import type { DataSource } from 'typeorm';
import type { ProgramsService } from '../programs/programs.service';
import type { SubmissionLimiter } from './submission-limiter';
import { SubmissionsService } from './submissions.service';

/** The run queue out of reach when an attempt is recorded: Postgres and the queue faked. */
describe('SubmissionsService when the run queue cannot take the job', () => {
  const updates: Partial<Attempt>[] = [];
  const attempts = {
    create: (a: Partial<Attempt>) => a,
    save: async (a: Partial<Attempt>) => ({ ...a, id: 'attempt-1' }),
    update: async (_where: unknown, change: Partial<Attempt>) => void updates.push(change),
  };
  const service = new SubmissionsService(
    { getRepository: () => attempts } as unknown as DataSource,
    { save: async () => undefined } as unknown as ProgramsService,
    { tryAcquire: async () => 0 } as unknown as SubmissionLimiter,
    { enqueue: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) } as unknown as RunQueue,
  );
  const mp = {
    config: { id: 'lab', toolchain: 'cpp', limits: { program_bytes: 65_536 } },
    datasets: [{ id: 0, hidden: false }],
  } as unknown as Mp;

  it('ends the attempt rather than leave it queued with no job, and answers 503 with a Retry-After', async () => {
    const error = await service.submit({ id: 'u1' } as User, mp, 'int main() {}', 0).catch((e: unknown) => e);
    expect(updates).toEqual([expect.objectContaining({ status: 'internal_error', output: 'the run queue is unavailable' })]);
    const { status, body } = toBody(error);
    expect(status).toBe(503);
    expect(body).toEqual({ error: 'the run queue is unavailable; your program is saved, try again shortly', retryAfterMs: 5_000 });
  });
});
