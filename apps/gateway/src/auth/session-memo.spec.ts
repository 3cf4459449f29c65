import { Logger } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { FakeSessionsRepository } from '../../../../test/support/fake-sessions-repository';
import type { RequestUser } from './authenticated-request';
import { SessionMemo } from './session-memo';
import { SessionsService } from './sessions.service';

const ADA: RequestUser = { id: 'u1', username: 'ada', role: 'student' };

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Integration: two gateway processes' sessions (each with its memo) against the real Redis, in the
 * tests' own db index and prefix, over one sessions table (in memory). What one gateway revokes
 * the other must stop answering from memory.
 */
describe('SessionMemo (sessions answered from memory, revoked through Redis)', () => {
  const prefix = `wbtest_${randomBytes(4).toString('hex')}`;
  const config = { SESSION_SECRET: 's'.repeat(32), SESSION_TTL_S: 3600, REDIS_PREFIX: prefix } as AppConfig;
  const admin = new Redis('redis://127.0.0.1:6379/5');
  const table = new FakeSessionsRepository(new Map([[ADA.id, ADA]]));
  const gateways: { redis: Redis; memo: SessionMemo; sessions: SessionsService; lookups: () => number }[] = [];

  function gateway() {
    const redis = new Redis('redis://127.0.0.1:6379/5');
    const memo = new SessionMemo(redis, config);
    memo.onModuleInit();
    const sessions = new SessionsService(redis, config, table.repository, memo);
    const getex = jest.spyOn(redis, 'getex');
    const g = { redis, memo, sessions, lookups: () => getex.mock.calls.length };
    gateways.push(g);
    return g;
  }

  let a: ReturnType<typeof gateway>;
  let b: ReturnType<typeof gateway>;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    a = gateway();
    b = gateway();
    await until(() => a.memo.isListening && b.memo.isListening, 'both memos subscribed');
  });

  afterAll(async () => {
    for (const g of gateways) {
      await g.memo.onApplicationShutdown();
      await g.redis.quit();
    }
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
    jest.restoreAllMocks();
  });

  it('answers a session it served a moment ago without asking Redis again', async () => {
    const id = await b.sessions.create(ADA);
    const before = a.lookups();
    expect(await a.sessions.user(id)).toEqual(ADA);
    expect(await a.sessions.user(id)).toEqual(ADA);
    expect(await a.sessions.user(id)).toEqual(ADA);
    expect(a.lookups() - before).toBe(1);
  });

  it('stops answering a session signed out on another gateway', async () => {
    const id = await b.sessions.create(ADA);
    expect(await a.sessions.user(id)).toEqual(ADA); // now in a's memory for 10 s
    await b.sessions.destroy(id);
    await until(async () => (await a.sessions.user(id)) === null, 'a refuses the signed-out session', 1_000);
    expect(await b.sessions.user(id)).toBeNull();
  });

  it("shows a user's new role on another gateway that remembered the session", async () => {
    const id = await b.sessions.create(ADA);
    expect((await a.sessions.user(id))?.role).toBe('student');
    table.users.set(ADA.id, { ...ADA, role: 'staff' });
    try {
      await b.sessions.forgetCachedUser(ADA.id);
      await until(async () => (await a.sessions.user(id))?.role === 'staff', 'a sees the new role', 1_000);
    } finally {
      table.users.set(ADA.id, ADA);
    }
  });

  it('answers nothing from memory while its revocation channel is down, so a sign-out sent meanwhile is not missed', async () => {
    const id = await b.sessions.create(ADA);
    expect(await a.sessions.user(id)).toEqual(ADA);
    // A network blip on the gateways' subscribers (this test's only): the revocation below is
    // published while a cannot hear it.
    const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')).split('\n');
    const subscribers = clients.filter((line) => line.includes(` name=${prefix}:session-revocations `));
    expect(subscribers).toHaveLength(2);
    for (const line of subscribers) await admin.call('CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(line)![1]);
    await until(() => !a.memo.isListening, 'a notices that its subscriber is gone');
    await b.sessions.destroy(id);
    expect(await a.sessions.user(id)).toBeNull();
    // Subscribed again, a answers from memory again.
    await until(() => a.memo.isListening, 'a subscribed again');
    const other = await b.sessions.create(ADA);
    expect(await a.sessions.user(other)).toEqual(ADA);
    const before = a.lookups();
    expect(await a.sessions.user(other)).toEqual(ADA);
    expect(a.lookups()).toBe(before);
  });
});
