import { Logger } from '@nestjs/common';
import { AppConfig, CatalogueService, Mp, toBody } from '@wb/common';
import { FakeAuditLogRepository } from '../../../../test/support/fake-audit-log-repository';
import { FakeLtiLinksRepository } from '../../../../test/support/fake-lti-links-repository';
import { FakeRedis } from '../../../../test/support/fake-redis';
import { FakeSessionsRepository } from '../../../../test/support/fake-sessions-repository';
import { FakeUsersRepository } from '../../../../test/support/fake-users-repository';
import { AuditLog } from '../audit/audit-log';
import { ApiKeySealer } from '../auth/api-keys';
import { SessionsService } from '../auth/sessions.service';
import { SessionMemo } from '../auth/session-memo';
import { OAuthUsers } from '../oauth/oauth-users';
import { LtiLaunchService } from './lti-launch.service';
import type { LtiLaunchVerifier } from './lti-launch-verifier';

/**
 * Who a launch signs in, as what, and where their grade goes, with the users, lti_links and
 * audit_log tables in memory; the launch's signature is taken as checked (its verifier has its own tests).
 */
describe('LtiLaunchService', () => {
  const mp = { config: { id: 'lab' } } as unknown as Mp;
  const config = {
    SESSION_SECRET: 's'.repeat(32),
    LTI11_STAFF_CONTEXTS: 'course-1, course-2',
    SESSION_TTL_S: 3600,
    REDIS_PREFIX: 'wb',
  } as AppConfig;
  let users: FakeUsersRepository;
  let sessionRows: FakeSessionsRepository;
  let sessions: SessionsService;
  let links: FakeLtiLinksRepository;
  let audit: FakeAuditLogRepository;
  let service: LtiLaunchService;

  beforeEach(() => {
    users = new FakeUsersRepository();
    links = new FakeLtiLinksRepository();
    audit = new FakeAuditLogRepository();
    sessionRows = new FakeSessionsRepository(users.rows);
    const redis = new FakeRedis().client;
    sessions = new SessionsService(redis, config, sessionRows.repository, new SessionMemo(redis, config));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    service = new LtiLaunchService(
      { verify: async () => undefined } as unknown as LtiLaunchVerifier,
      new OAuthUsers(users.repository, new ApiKeySealer(config)),
      { find: (id: string) => (id === 'lab' ? mp : undefined) } as unknown as CatalogueService,
      users.repository,
      links.repository,
      new AuditLog(audit.repository),
      sessions,
      config,
    );
  });

  afterEach(() => jest.restoreAllMocks());

  const launch = (params: Record<string, string> = {}) =>
    service.launch(
      {
        lti_message_type: 'basic-lti-launch-request',
        lti_version: 'LTI-1p0',
        user_id: 'p-42',
        ext_user_username: 'Ada.Lovelace',
        custom_mp: 'lab',
        roles: 'Learner',
        context_id: 'course-1',
        lis_outcome_service_url: 'https://lms.example/outcomes',
        lis_result_sourcedid: 'result-1',
        ...params,
      },
      'https://wb.example/lti/launch',
    );

  it("creates the student on the first launch, finds them again by the platform's user id, and keeps the latest launch's link", async () => {
    const first = await launch();
    expect(first.user).toMatchObject({ username: 'ada.lovelace', role: 'student', oauthProvider: 'lti11', oauthSubject: 'p-42' });
    expect(first.mp).toBe(mp);
    const again = await launch({ lis_result_sourcedid: 'result-2' });
    expect(again.user.id).toBe(first.user.id);
    expect(users.rows.size).toBe(1);
    expect(await links.find(first.user.id, 'lab')).toMatchObject({ outcomeUrl: 'https://lms.example/outcomes', sourcedid: 'result-2' });
  });

  it('gives a first launch whose username is taken a suffixed one', async () => {
    await launch({ user_id: 'p-1' });
    const { user } = await launch({ user_id: 'p-2' });
    expect(user.username).toMatch(/^ada\.lovelace-[0-9a-f]{6}$/);
  });

  it('makes a teacher of a course served here staff, once, and records it in the audit log', async () => {
    const { user } = await launch({ roles: 'urn:lti:role:ims/lis/Instructor' });
    expect(user.role).toBe('staff');
    expect((await users.findById(user.id))?.role).toBe('staff');
    await launch({ roles: 'TeachingAssistant' });
    expect(audit.entries).toEqual([
      expect.objectContaining({
        actorId: user.id,
        action: 'role.staff',
        subject: user.id,
        detail: 'LTI launch as a teacher of course context "course-1"',
      }),
    ]);
  });

  it("shows the new role at once to the teacher's sessions from before the launch", async () => {
    const { user } = await launch({ roles: 'Learner' });
    const earlier = await sessions.create(user);
    expect((await sessions.user(earlier))?.role).toBe('student');
    await launch({ roles: 'Instructor' });
    expect((await sessions.user(earlier))?.role).toBe('staff');
  });

  it('keeps a teacher of any other course a student', async () => {
    const { user } = await launch({ roles: 'Instructor', context_id: 'elsewhere' });
    expect(user.role).toBe('student');
    expect((await users.findById(user.id))?.role).toBe('student');
    expect(audit.entries).toEqual([]);
  });

  it('never demotes anyone, nor records a change it did not make', async () => {
    const { user } = await launch();
    users.rows.get(user.id)!.role = 'admin';
    expect((await launch({ roles: 'Instructor' })).user.role).toBe('admin');
    expect((await launch({ roles: 'Learner' })).user.role).toBe('admin');
    expect(audit.entries).toEqual([]);
  });

  it('records no link for an ungraded launch, and refuses an outcome service that is not http(s)', async () => {
    const { user } = await launch({ lis_result_sourcedid: '' });
    expect(await links.find(user.id, 'lab')).toBeNull();
    const error = await launch({ lis_outcome_service_url: 'javascript:alert(1)' }).catch((e: unknown) => e);
    expect(toBody(error)).toEqual({ status: 400, body: { error: 'lis_outcome_service_url must be an http(s) URL' } });
    expect(links.rows.size).toBe(0);
  });
});
