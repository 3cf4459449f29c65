import { randomBytes } from 'node:crypto';
import { GradeWatcher, PROGRAMS, watchGrading } from '../support/grading';
import { Lti13PlatformStub, startLti13PlatformStub } from '../support/lti13-platform-stub';
import { startPlatform, TestPlatform } from '../support/platform';

const LAB = 'vector-add-cpp';

jest.setTimeout(180_000);

/** LTI 1.3 Assignment and Grade Services passback, end to end, against a local platform stub. */
describe('LTI 1.3 passback', () => {
  let platform: TestPlatform;
  let watcher: GradeWatcher;
  let lms: Lti13PlatformStub;

  beforeAll(async () => {
    lms = await startLti13PlatformStub();
    platform = await startPlatform({
      PASSBACK_MODE: 'lti13',
      LTI13_TOKEN_URL: lms.tokenUrl,
      LTI13_CLIENT_ID: lms.clientId,
      LTI13_PRIVATE_KEY: lms.privateKeyPem,
      LTI13_KEY_ID: 'wb-key-1',
      LTI13_LINEITEM_URL: lms.lineItemTemplate,
      PASSBACK_BACKOFF_MS: '100',
    });
    watcher = await watchGrading(platform);
  });

  afterAll(async () => {
    await watcher?.close();
    await platform?.stop();
    await lms?.close();
  });

  it('gets a token with a signed JWT assertion and posts the score to the lab line item', async () => {
    const session = platform.client();
    const username = `l${randomBytes(5).toString('hex')}`;
    expect((await session.post('/signup', { user: username, pass: 'correct horse battery' })).status).toBe(201);
    const started = await session.post(`/mp/${LAB}/grade`, { program: PROGRAMS.partial });
    expect(started.status).toBe(202);
    await watcher.graded(started.body.attemptId);

    const settled = watcher.passbackSettledForNext();
    expect((await session.post(`/mp/${LAB}/submit_grade`)).status).toBe(202);
    expect(await settled).toEqual({ state: 'completed' });
    expect(lms.refusals).toEqual([]);
    expect(lms.received).toEqual([
      {
        lineItem: LAB,
        userId: username,
        scoreGiven: 55,
        scoreMaximum: 100,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: expect.any(String),
      },
    ]);
    expect((await session.get(`/grade/${LAB}`)).body.passback.state).toBe('sent');
  });
});
