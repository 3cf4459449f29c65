import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { startPlatform, TestPlatform } from '../support/platform';

jest.setTimeout(120_000);

/**
 * The session cache lives in the Redis the workers share, and workers run students' programs. So
 * an entry written by anything but a gateway (a worker host taken over) must not sign anybody in
 * as somebody else: the gateway seals its entries and asks Postgres about any that fail the seal.
 */
describe('the session cache in Redis', () => {
  let platform: TestPlatform;
  let redis: Redis;

  beforeAll(async () => {
    platform = await startPlatform({}, { grader: false, worker: false });
    redis = new Redis(platform.env.REDIS_URL!);
  });

  afterAll(async () => {
    redis?.disconnect();
    await platform?.stop();
  });

  const sessionKeys = () => redis.keys(`${platform.env.REDIS_PREFIX}:session:*`);

  it("cannot be rewritten to point a student's session at the admin", async () => {
    const before = new Set(await sessionKeys());
    const student = platform.client();
    const username = `s${randomBytes(5).toString('hex')}`;
    expect((await student.post('/signup', { user: username, pass: 'a student password' })).status).toBe(201);
    const [studentKey] = (await sessionKeys()).filter((k) => !before.has(k));
    const admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    const [adminKey] = (await sessionKeys()).filter((k) => !before.has(k) && k !== studentKey);
    const adminEntry = (await redis.get(adminKey))!;
    const cachedUser = (entry: string) => JSON.parse(entry.slice(0, entry.lastIndexOf('|'))).user;
    const admin0 = cachedUser(adminEntry);
    expect(admin0).toMatchObject({ username: 'admin', role: 'admin' });
    expect((await admin.get('/whoami')).body.username).toBe('admin');

    // What a process with Redis access but not the gateway's secret could write: the admin as
    // the session's user unsealed, with a made-up seal, or the admin's own sealed entry copied
    // over; and the student's own entry promoted to admin, its seal kept.
    const studentEntry = (await redis.get(studentKey))!;
    const forgedBody = JSON.stringify({ user: admin0, recheckAt: Date.now() + 60_000 });
    const promoted = studentEntry.replace('"role":"student"', '"role":"admin"');
    expect(promoted).not.toBe(studentEntry);
    for (const forged of [forgedBody, `${forgedBody}|${'A'.repeat(43)}`, adminEntry, promoted]) {
      // A session of the student's that no gateway process has served yet, so none holds it in
      // memory: its first request reads what Redis holds.
      const known = new Set(await sessionKeys());
      const signIn = platform.client();
      expect((await signIn.post('/login', { user: username, pass: 'a student password' })).status).toBe(200);
      const [key] = (await sessionKeys()).filter((k) => !known.has(k));
      await redis.set(key, forged, 'EX', 3600);
      const whoami = await signIn.get('/whoami');
      expect(whoami.status).toBe(200);
      expect(whoami.body.username).toBe(username);
      // Postgres answered and the gateway sealed a true entry again.
      const entry = (await redis.get(key))!;
      expect(cachedUser(entry)).toMatchObject({ username, role: 'student' });
      expect(entry.slice(entry.lastIndexOf('|') + 1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(platform.gateway.log()).toMatch(/a cached session failed its seal/);
  });
});
