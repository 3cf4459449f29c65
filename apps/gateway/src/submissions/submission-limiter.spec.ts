import { AppConfig } from '@wb/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { SubmissionLimiter } from './submission-limiter';

/** Integration: the limiter against the real Redis, in the tests' own db index and prefix. */
describe('SubmissionLimiter', () => {
  const redis = new Redis('redis://127.0.0.1:6379/5');
  const prefix = `wbtest_${randomBytes(4).toString('hex')}`;
  const limiter = (intervalMs: number) =>
    new SubmissionLimiter(redis, { REDIS_PREFIX: prefix, SUBMIT_INTERVAL_MS: intervalMs } as AppConfig);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('allows one submission per interval and says how long to wait', async () => {
    const l = limiter(3_000);
    expect(await l.tryAcquire('user-a')).toBe(0);
    const wait = await l.tryAcquire('user-a');
    expect(wait).toBeGreaterThan(2_000);
    expect(wait).toBeLessThanOrEqual(3_000);
    expect(await l.tryAcquire('user-b')).toBe(0); // per user
  });

  it('lets exactly one of many simultaneous submissions through', async () => {
    const l = limiter(3_000);
    const waits = await Promise.all(Array.from({ length: 20 }, () => l.tryAcquire('user-race')));
    expect(waits.filter((w) => w === 0)).toHaveLength(1);
  });

  it('opens again once the interval has passed', async () => {
    const l = limiter(100);
    expect(await l.tryAcquire('user-c')).toBe(0);
    expect(await l.tryAcquire('user-c')).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(await l.tryAcquire('user-c')).toBe(0);
  });
});
