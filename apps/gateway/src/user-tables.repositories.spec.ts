import { LtiLinksRepository, NewUserRecord, UsersRepository } from '@wb/common';
import { DataSource } from 'typeorm';
import { AuditLogRepository } from './audit/audit-log.repository';
import { SessionsRepository } from './auth/sessions.repository';
import { ProgramsRepository } from './programs/programs.repository';
import { ScratchDatabase } from '../../../test/support/scratch-database';

/**
 * The SQL of the repositories of `users`, `sessions`, `programs`, `lti_links` and `audit_log`
 * against the real Postgres, in a database of its own made by the project's migrations and
 * dropped afterwards: what the services' unit tests fake. Here in the gateway, which uses all
 * five, because libs/common (home of the users and lti_links ones) must not import the gateway.
 */
describe('the repositories of users, sessions, programs, lti_links and audit_log', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let users: UsersRepository;

  beforeAll(async () => {
    database = await ScratchDatabase.create('users_repo');
    dataSource = database.dataSource;
    users = new UsersRepository(dataSource);
  });

  afterAll(async () => {
    await database?.drop();
  });

  let keys = 0;
  const account = (username: string, fields: Partial<NewUserRecord> = {}): NewUserRecord => ({
    username,
    passwordHash: null,
    role: 'student',
    apiKeyHash: String(++keys).padStart(64, '0'),
    apiKeySealed: 'sealed',
    ...fields,
  });

  /** A user for the other tables' rows to belong to. */
  const someone = async (username: string) => (await users.insert(account(username)))!;

  describe('UsersRepository', () => {
    it('creates an account, with its id and creation time, and finds it by each of its keys', async () => {
      const user = await users.insert(account('ada', { oauthProvider: 'lti11', oauthSubject: 'p-1' }));
      expect(user).toMatchObject({ username: 'ada', role: 'student', oauthProvider: 'lti11', oauthSubject: 'p-1' });
      expect(user?.createdAt).toBeInstanceOf(Date);
      const id = user!.id;
      expect((await users.findById(id))?.username).toBe('ada');
      expect((await users.findByUsername('ada'))?.id).toBe(id);
      expect((await users.findByApiKeyHash(user!.apiKeyHash))?.id).toBe(id);
      expect((await users.findByIdentity('lti11', 'p-1'))?.id).toBe(id);
      expect(await users.findByIdentity('oauth', 'p-1')).toBeNull();
      expect((await users.findByIds([id, '00000000-0000-4000-8000-000000000000'])).map((u) => u.id)).toEqual([id]);
    });

    it('says a username or an outside identity is taken, rather than fail, and rethrows anything else', async () => {
      await users.insert(account('taken', { oauthProvider: 'oauth', oauthSubject: 's-1' }));
      expect(await users.insert(account('taken'))).toBeNull();
      expect(await users.insert(account('other', { oauthProvider: 'oauth', oauthSubject: 's-1' }))).toBeNull();
      await expect(users.insert(account('x'.repeat(33)))).rejects.toThrow(/too long/);
    });

    it('makes one account of two sign-ups racing for one username', async () => {
      const results = await Promise.all([users.insert(account('racer')), users.insert(account('racer'))]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('knows whether an admin exists', async () => {
      expect(await users.adminExists()).toBe(false);
      await users.insert(account('root', { role: 'admin' }));
      expect(await users.adminExists()).toBe(true);
    });

    it('replaces an API key: the old hash finds nobody', async () => {
      const user = await someone('rotating');
      await users.setApiKey(user.id, { apiKeyHash: 'f'.repeat(64), apiKeySealed: 'new' });
      expect(await users.findByApiKeyHash(user.apiKeyHash)).toBeNull();
      expect(await users.findByApiKeyHash('f'.repeat(64))).toMatchObject({ id: user.id, apiKeySealed: 'new' });
    });

    it('makes a student staff once, and never changes staff or an admin', async () => {
      const student = await someone('teacher');
      const admin = (await users.insert(account('boss', { role: 'admin' })))!;
      expect(await users.promoteToStaff(student.id)).toBe(true);
      expect(await users.promoteToStaff(student.id)).toBe(false);
      expect(await users.promoteToStaff(admin.id)).toBe(false);
      expect([(await users.findById(student.id))?.role, (await users.findById(admin.id))?.role]).toEqual(['staff', 'admin']);
    });
  });

  describe('SessionsRepository', () => {
    let sessions: SessionsRepository;
    let userId: string;
    const inAnHour = () => new Date(Date.now() + 3_600_000);
    const anHourAgo = () => new Date(Date.now() - 3_600_000);

    beforeAll(async () => {
      sessions = new SessionsRepository(dataSource);
      userId = (await someone('browser')).id;
    });

    it('renews a live session and answers its user, in one statement; an expired or unknown one is left as it was', async () => {
      const user = await someone('renewing');
      await sessions.insert({ id: 'live', userId: user.id, expiresAt: inAnHour() });
      await sessions.insert({ id: 'expired', userId: user.id, expiresAt: anHourAgo() });
      const later = new Date(Date.now() + 7_200_000);
      expect(await sessions.renew('live', later)).toEqual({ id: user.id, username: 'renewing', role: 'student' });
      expect(await sessions.renew('expired', later)).toBeNull();
      expect(await sessions.renew('unknown', later)).toBeNull();
      const expiries = await dataSource.query(`SELECT id, expires_at FROM sessions WHERE id IN ('live', 'expired') ORDER BY id`);
      expect(expiries.map((r: { expires_at: Date }) => r.expires_at.getTime() > Date.now())).toEqual([false, true]);
      expect(new Date(expiries[1].expires_at).getTime()).toBe(later.getTime());
    });

    it('purges expired sessions, at most so many at a time, and no live one', async () => {
      for (const id of ['old-1', 'old-2', 'old-3']) await sessions.insert({ id, userId, expiresAt: anHourAgo() });
      await sessions.insert({ id: 'current', userId, expiresAt: inAnHour() });
      const expiredLeft = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM sessions WHERE expires_at < now()`))[0].n);
      const before = await expiredLeft();
      await sessions.purgeExpired(2);
      expect(await expiredLeft()).toBe(before - 2);
      await sessions.purgeExpired(100);
      expect(await expiredLeft()).toBe(0);
      expect((await sessions.renew('current', inAnHour()))?.id).toBe(userId);
    });
  });

  describe('ProgramsRepository', () => {
    let programs: ProgramsRepository;
    let userId: string;
    const committedTransactions = async () =>
      Number((await dataSource.query(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`))[0].n);

    beforeAll(async () => {
      programs = new ProgramsRepository(dataSource);
      userId = (await someone('coder')).id;
    });

    it('saves a new program as revision 1, and each save after it as the next', async () => {
      expect(await programs.save(userId, 'new', 'one')).toEqual({ revision: 1, savedAt: expect.any(Date) });
      expect((await programs.save(userId, 'new', 'two', 1))?.revision).toBe(2);
      expect((await programs.save(userId, 'new', 'three'))?.revision).toBe(3);
      expect(await programs.find(userId, 'new')).toMatchObject({ text: 'three', revision: 3 });
      expect(await programs.find(userId, 'other')).toBeNull();
    });

    it('changes nothing when the named revision is no longer the latest', async () => {
      await programs.save(userId, 'stale', 'one');
      await programs.save(userId, 'stale', 'two', 1);
      expect(await programs.save(userId, 'stale', 'late', 1)).toBeNull();
      expect(await programs.find(userId, 'stale')).toMatchObject({ text: 'two', revision: 2 });
    });

    it('lets exactly one of two saves racing on the same revision land', async () => {
      await programs.save(userId, 'race', 'base');
      const results = await Promise.all([programs.save(userId, 'race', 'left', 1), programs.save(userId, 'race', 'right', 1)]);
      expect(results.filter(Boolean)).toEqual([{ revision: 2, savedAt: expect.any(Date) }]);
      expect((await programs.find(userId, 'race'))?.revision).toBe(2);
    });

    it('group-commits a class saving at once: each save answered as if alone, stale ones refused, the last of one student winning', async () => {
      const students = await Promise.all(Array.from({ length: 40 }, (_, i) => someone(`class_${i}`)));
      for (const s of students) await programs.save(s.id, 'burst', 'first');
      const statementsBefore = await committedTransactions();
      const results = await Promise.all([
        ...students.map((s, i) => programs.save(s.id, 'burst', `second ${i}`, i % 4 === 0 ? 0 : 1)),
        ...students.slice(0, 5).map((s) => programs.save(s.id, 'burst', 'unconditional')),
      ]);
      const statements = (await committedTransactions()) - statementsBefore;
      expect(statements).toBeLessThan(results.length);
      const stale = students.map((_, i) => i % 4 === 0);
      expect(results.slice(0, 40).map((r) => r === null)).toEqual(stale);
      for (const [i, s] of students.entries()) {
        const stored = await programs.find(s.id, 'burst');
        if (i < 5) expect(stored).toMatchObject({ text: 'unconditional', revision: stale[i] ? 2 : 3 });
        else expect(stored).toMatchObject({ text: stale[i] ? 'first' : `second ${i}`, revision: stale[i] ? 1 : 2 });
      }
    });

    it('fails only the save Postgres refuses when it shares a batch with good ones', async () => {
      const good = await someone('good_neighbour');
      const results = await Promise.allSettled([
        programs.save(good.id, 'mixed', 'first'),
        programs.save(good.id, 'mixed-2', 'fine'),
        programs.save(good.id, 'mixed-3', 'bad \0 byte'),
        programs.save(good.id, 'mixed-4', 'fine too'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect((await programs.find(good.id, 'mixed-4'))?.text).toBe('fine too');
    });
  });

  describe('LtiLinksRepository', () => {
    it("keeps one link per student and lab, the latest launch's", async () => {
      const links = new LtiLinksRepository(dataSource);
      const { id: userId } = await someone('launcher');
      await links.upsertLatest({ userId, mpId: 'lab', outcomeUrl: 'https://lms.example/a', sourcedid: 'first' });
      const first = await links.find(userId, 'lab');
      await links.upsertLatest({ userId, mpId: 'lab', outcomeUrl: 'https://lms.example/b', sourcedid: 'second' });
      const latest = await links.find(userId, 'lab');
      expect(latest).toMatchObject({ outcomeUrl: 'https://lms.example/b', sourcedid: 'second' });
      expect(latest!.updatedAt.getTime()).toBeGreaterThanOrEqual(first!.updatedAt.getTime());
      expect(await links.find(userId, 'another-lab')).toBeNull();
      expect(Number((await dataSource.query(`SELECT count(*) AS n FROM lti_links WHERE user_id = $1`, [userId]))[0].n)).toBe(1);
    });
  });

  describe('AuditLogRepository', () => {
    it('records entries and lists the newest first', async () => {
      const audit = new AuditLogRepository(dataSource);
      const { id: actorId } = await someone('staffer');
      await audit.insert({ actorId, action: 'attempt.cancel', subject: 'a-1', detail: '' });
      await audit.insert({ actorId, action: 'dead_letter.replay', subject: 'd-1', detail: 'replayed' });
      expect((await audit.newest(1)).map((e) => e.action)).toEqual(['dead_letter.replay']);
      expect(await audit.newest(10)).toEqual([
        expect.objectContaining({ actorId, action: 'dead_letter.replay', subject: 'd-1', detail: 'replayed', createdAt: expect.any(Date) }),
        expect.objectContaining({ actorId, action: 'attempt.cancel', subject: 'a-1', detail: '' }),
      ]);
    });
  });
});
