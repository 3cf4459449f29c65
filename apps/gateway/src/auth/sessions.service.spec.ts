import { Logger } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { FakeRedis } from '../../../../test/support/fake-redis';
import { FakeSessionsRepository } from '../../../../test/support/fake-sessions-repository';
import type { RequestUser } from './authenticated-request';
import { SessionMemo } from './session-memo';
import { SessionsService } from './sessions.service';

const TTL_S = 3600;
const ADA: RequestUser = { id: 'u1', username: 'ada', role: 'student' };
const GRACE: RequestUser = { id: 'u2', username: 'grace', role: 'staff' };

/** Sessions with the sessions table (in memory) and Redis faked, on a clock the test moves. */
describe('SessionsService', () => {
  let now: number;
  let table: FakeSessionsRepository;
  let redis: FakeRedis;
  let sessions: SessionsService;

  beforeEach(() => {
    now = Date.parse('2025-01-06T09:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    table = new FakeSessionsRepository(new Map([ADA, GRACE].map((u) => [u.id, u])));
    redis = new FakeRedis();
    const config = { SESSION_SECRET: 's'.repeat(32), SESSION_TTL_S: TTL_S, REDIS_PREFIX: 'wb' } as AppConfig;
    // A memo never subscribed to revocations is never used: these are the Redis and Postgres paths.
    sessions = new SessionsService(redis.client, config, table.repository, new SessionMemo(redis.client, config));
  });

  afterEach(() => jest.restoreAllMocks());

  const stored = () => [...table.rows.values()];

  it("creates a session that both stores hold under the HMAC of the cookie's value, never the value", async () => {
    const id = await sessions.create(ADA);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored()).toEqual([{ id: expect.not.stringContaining(id), userId: 'u1', expiresAt: new Date(now + TTL_S * 1000) }]);
    expect([...redis.values.keys()]).toEqual([`wb:session:${stored()[0].id}`]);
    expect(await sessions.user(id)).toEqual(ADA);
  });

  it('knows nobody for an unknown or malformed cookie', async () => {
    await sessions.create(ADA);
    expect(await sessions.user('x'.repeat(43))).toBeNull();
    expect(await sessions.user('not a session id')).toBeNull();
  });

  it('answers from Postgres when Redis lost the session or is out of reach, and caches it again', async () => {
    const id = await sessions.create(ADA);
    redis.values.clear();
    expect(await sessions.user(id)).toEqual(ADA);
    expect(redis.values.size).toBe(1);

    redis.down = true;
    expect(await sessions.user(id)).toEqual(ADA);
    expect(await sessions.create(GRACE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('asks Postgres rather than trust a cached entry that fails its seal', async () => {
    const id = await sessions.create(ADA);
    const [key] = redis.values.keys();
    await redis.set(key, `${JSON.stringify({ user: { ...ADA, role: 'admin' }, recheckAt: now + 60_000 })}|forged`, 'EX', TTL_S);
    expect(await sessions.user(id)).toEqual(ADA);
    // An entry sealed for one session does not serve under another's key.
    const other = await sessions.create(GRACE);
    const graceKey = [...redis.values.keys()].find((k) => k !== key)!;
    await redis.set(key, redis.values.get(graceKey)!.value, 'EX', TTL_S);
    expect(await sessions.user(id)).toEqual(ADA);
    expect(await sessions.user(other)).toEqual(GRACE);
  });

  it('answers from Redis alone until the cached copy is a minute old, then from Postgres, which sees a new role and a session deleted there', async () => {
    const id = await sessions.create(ADA);
    table.users.set(ADA.id, { ...ADA, role: 'staff' });
    now += 30_000;
    expect(await sessions.user(id)).toEqual(ADA);
    now += 31_000;
    expect(await sessions.user(id)).toEqual({ ...ADA, role: 'staff' });

    table.rows.clear(); // signed out from another gateway whose Redis delete was lost, or purged
    now += 61_000;
    expect(await sessions.user(id)).toBeNull();
    expect(redis.values.size).toBe(0);
  });

  it('spreads the next checks of sessions checked together over the last quarter of the minute', async () => {
    const ids = await Promise.all(Array.from({ length: 200 }, () => sessions.create(ADA)));
    const renew = jest.spyOn(table, 'renew');
    const renewedBy = async (ms: number) => {
      now += ms;
      for (const id of ids) expect(await sessions.user(id)).toEqual(ADA);
      return renew.mock.calls.length;
    };
    expect(await renewedBy(44_999)).toBe(0); // none before three quarters of a minute
    const halfway = await renewedBy(7_500);
    expect(halfway).toBeGreaterThan(20); // some at 52.5 s, not all: the class does not come back at once
    expect(halfway).toBeLessThan(180);
    expect(await renewedBy(7_501)).toBe(200); // every one within the minute
  });

  it('keeps answering from the cached copy when the check finds Postgres out of reach, and checks again at the next request', async () => {
    const id = await sessions.create(ADA);
    now += 61_000;
    const renew = jest.spyOn(table, 'renew').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(await sessions.user(id)).toEqual(ADA);
    expect(await sessions.user(id)).toEqual(ADA);
    expect(renew).toHaveBeenCalledTimes(2);
    // Without a cached copy there is nothing to answer with: the outage is the answer.
    redis.values.clear();
    renew.mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(sessions.user(id)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('slides the lifetime: Redis on every request, Postgres at each check', async () => {
    const id = await sessions.create(ADA);
    const created = stored()[0].expiresAt;
    now += 30_000;
    expect(await sessions.user(id)).toEqual(ADA);
    expect(stored()[0].expiresAt).toEqual(created);
    expect([...redis.values.values()][0].expiresAt).toBe(now + TTL_S * 1000);
    now += 31_000;
    expect(await sessions.user(id)).toEqual(ADA);
    expect(stored()[0].expiresAt).toEqual(new Date(now + TTL_S * 1000));
  });

  it('expires a session not used for its lifetime, in both stores', async () => {
    const id = await sessions.create(ADA);
    now += TTL_S * 1000 + 1;
    expect(await sessions.user(id)).toBeNull();
    expect(redis.values.size).toBe(0);
  });

  it('purges expired sessions from Postgres when someone signs in', async () => {
    await sessions.create(ADA);
    now += TTL_S * 1000 + 1;
    await sessions.create(GRACE);
    expect(stored().map((s) => s.userId)).toEqual(['u2']);
  });

  it('signs out of both stores; with Redis out of reach the sign-out fails rather than leave the cached copy live', async () => {
    const id = await sessions.create(ADA);
    await sessions.destroy(id);
    expect(await sessions.user(id)).toBeNull();
    expect([table.rows.size, redis.values.size]).toEqual([0, 0]);

    const other = await sessions.create(GRACE);
    redis.down = true;
    await expect(sessions.destroy(other)).rejects.toThrow(/ECONNREFUSED/);
  });
});
