import { Logger } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { FakeRedis } from '../../../../test/support/fake-redis';
import { FakeSessionsRepository } from '../../../../test/support/fake-sessions-repository';
import { SessionsService } from './sessions.service';

const TTL_S = 3600;

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
    table = new FakeSessionsRepository();
    redis = new FakeRedis();
    const config = { SESSION_SECRET: 's'.repeat(32), SESSION_TTL_S: TTL_S, REDIS_PREFIX: 'wb' } as AppConfig;
    sessions = new SessionsService(redis.client, config, table.repository);
  });

  afterEach(() => jest.restoreAllMocks());

  const stored = () => [...table.rows.values()];

  it("creates a session that both stores hold under the HMAC of the cookie's value, never the value", async () => {
    const id = await sessions.create('u1');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored()).toEqual([{ id: expect.not.stringContaining(id), userId: 'u1', expiresAt: new Date(now + TTL_S * 1000) }]);
    expect([...redis.values.keys()]).toEqual([`wb:session:${stored()[0].id}`]);
    expect(await sessions.userId(id)).toBe('u1');
  });

  it('knows nobody for an unknown or malformed cookie', async () => {
    await sessions.create('u1');
    expect(await sessions.userId('x'.repeat(43))).toBeNull();
    expect(await sessions.userId('not a session id')).toBeNull();
  });

  it('answers from Postgres when Redis lost the session or is out of reach, and caches it again', async () => {
    const id = await sessions.create('u1');
    redis.values.clear();
    expect(await sessions.userId(id)).toBe('u1');
    expect(redis.values.size).toBe(1);

    redis.down = true;
    expect(await sessions.userId(id)).toBe('u1');
    expect(await sessions.create('u2')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('asks Postgres rather than trust a cached entry that fails its seal', async () => {
    const id = await sessions.create('u1');
    const [key] = redis.values.keys();
    await redis.set(key, `intruder|${now}|forged`, 'EX', TTL_S);
    expect(await sessions.userId(id)).toBe('u1');
  });

  it('slides the lifetime: Redis on every request, Postgres once a tenth of it has passed', async () => {
    const id = await sessions.create('u1');
    const created = stored()[0].expiresAt;
    now += (TTL_S * 1000) / 20;
    expect(await sessions.userId(id)).toBe('u1');
    expect(stored()[0].expiresAt).toEqual(created);
    now += (TTL_S * 1000) / 10;
    expect(await sessions.userId(id)).toBe('u1');
    expect(stored()[0].expiresAt).toEqual(new Date(now + TTL_S * 1000));
  });

  it('expires a session not used for its lifetime, in both stores', async () => {
    const id = await sessions.create('u1');
    now += TTL_S * 1000 + 1;
    expect(await sessions.userId(id)).toBeNull();
    expect(redis.values.size).toBe(0);
  });

  it('purges expired sessions from Postgres when someone signs in', async () => {
    await sessions.create('u1');
    now += TTL_S * 1000 + 1;
    await sessions.create('u2');
    expect(stored().map((s) => s.userId)).toEqual(['u2']);
  });

  it('signs out of both stores; with Redis out of reach the sign-out fails rather than leave the cached copy live', async () => {
    const id = await sessions.create('u1');
    await sessions.destroy(id);
    expect(await sessions.userId(id)).toBeNull();
    expect([table.rows.size, redis.values.size]).toEqual([0, 0]);

    const other = await sessions.create('u2');
    redis.down = true;
    await expect(sessions.destroy(other)).rejects.toThrow(/ECONNREFUSED/);
  });
});
