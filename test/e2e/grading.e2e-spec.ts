import { randomBytes } from 'node:crypto';
import { AUTO_LAB, GradeWatcher, gradingLabs, LAST_LAB, LATE_LAB, PROGRAMS, watchGrading } from '../support/grading';
import { HttpClient } from '../support/http-client';
import { Lti11ConsumerStub, startLti11ConsumerStub } from '../support/lti11-consumer-stub';
import { signedLaunchForm } from '../support/lti11-launch';
import { startPlatform, TestPlatform } from '../support/platform';
import { freePort } from '../support/processes';

const LAB = 'vector-add-cpp';

jest.setTimeout(180_000);

interface Student {
  username: string;
  session: HttpClient;
  /** The same student as the local client sees them: the API key as Bearer. */
  key: HttpClient;
  apiKey: string;
}

/**
 * Instant grading and LTI 1.1 passback, end to end: gateway, grader and a C++ worker as
 * processes on the real Postgres and Redis, and a local LTI 1.1 tool consumer.
 */
describe('grading and passback', () => {
  let platform: TestPlatform;
  let watcher: GradeWatcher;
  let lti: Lti11ConsumerStub;
  let labs: ReturnType<typeof gradingLabs>;
  let graderMetrics: string;

  beforeAll(async () => {
    lti = await startLti11ConsumerStub();
    labs = gradingLabs();
    const metricsPort = await freePort();
    graderMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    platform = await startPlatform({
      METRICS_PORT: String(metricsPort), // the grader's /metrics (from this machine only: no METRICS_TOKEN)
      MPS_DIR: labs.dir,
      SUBMIT_INTERVAL_MS: '1500',
      PASSBACK_MODE: 'lti11',
      LTI11_OUTCOME_URL: lti.url,
      LTI11_CONSUMER_KEY: lti.key,
      LTI11_CONSUMER_SECRET: lti.secret,
      LTI11_STAFF_CONTEXTS: 'other-course, ece408-fa26',
      PASSBACK_BACKOFF_MS: '100',
    });
    watcher = await watchGrading(platform);
  });

  afterAll(async () => {
    await watcher?.close();
    await platform?.stop();
    await lti?.close();
    labs?.remove();
  });

  async function newStudent(): Promise<Student> {
    const session = platform.client();
    const username = `g${randomBytes(5).toString('hex')}`;
    expect((await session.post('/signup', { user: username, pass: 'correct horse battery' })).status).toBe(201);
    const apiKey = (await session.get('/whoami')).body.apiKey as string;
    return { username, session, apiKey, key: platform.client().withHeaders({ authorization: `Bearer ${apiKey}` }) };
  }

  /** Grades a program (or the saved one) with the API key and returns the grade of that attempt. */
  async function grade(student: Student, lab: string, program?: string) {
    const started = await student.key.post(`/mp/${lab}/grade`, program === undefined ? {} : { program });
    expect(started.status).toBe(202);
    expect(Object.keys(started.body)).toEqual(['attemptId']);
    await watcher.graded(started.body.attemptId);
    return { attemptId: started.body.attemptId as string, grade: (await student.key.get(`/grade/${lab}`)).body };
  }

  /** The grader's passback tries so far, by outcome (wb_passbacks_total). */
  async function passbackTries(): Promise<Record<string, number>> {
    const text = await (await fetch(graderMetrics)).text();
    return Object.fromEntries([...text.matchAll(/^wb_passbacks_total\{outcome="(\w+)"\} (\d+)$/gm)].map(([, o, n]) => [o, Number(n)]));
  }

  /** How far each outcome's count moved from `before`. */
  async function passbackTriesSince(before: Record<string, number>): Promise<Record<string, number>> {
    const now = await passbackTries();
    return Object.fromEntries(Object.entries(now).map(([outcome, n]) => [outcome, n - (before[outcome] ?? 0)]));
  }

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms)); // the submission limiter's interval, not a poll

  describe('scoring', () => {
    it('gives the reference solution every point, hidden datasets included', async () => {
      const student = await newStudent();
      const { attemptId, grade: g } = await grade(student, LAB, PROGRAMS.solution);
      expect(g).toMatchObject({ mpId: LAB, score: 100, maxScore: 100, attemptId, late: false, passback: { state: 'none' } });
      expect(g.items).toHaveLength(8);
      expect(g.items.filter((i: { name: string }) => i.name.includes('(hidden)'))).toHaveLength(2);
      expect(g.items.every((i: { earned: number; points: number }) => i.earned === i.points)).toBe(true);
      expect(g.history).toEqual([{ attemptId, score: 100, gradedAt: g.gradedAt }]);
      const attempt = (await student.key.get(`/mp/${LAB}/attempt/${attemptId}`)).body;
      expect(attempt).toMatchObject({ dataset: -1, status: 'passed' });
      expect(attempt.results.map((r: { dataset: number }) => r.dataset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('gives the template nothing and a partly correct program the points of the datasets it passes', async () => {
      const [a, b] = [await newStudent(), await newStudent()];
      const [template, partial] = await Promise.all([grade(a, LAB, PROGRAMS.template), grade(b, LAB, PROGRAMS.partial)]);
      expect(template.grade).toMatchObject({ score: 0, maxScore: 100 });
      expect(template.grade.items[0].message).toMatch(/^failed: mismatch/);
      // Up to 1024 elements pass (16, 64, 93, 1000, 1023: 10+10+10+10+15); 4097 and the hidden ones fail.
      expect(partial.grade).toMatchObject({ score: 55, maxScore: 100 });
      expect(partial.grade.items.map((i: { earned: number }) => i.earned)).toEqual([10, 10, 10, 10, 15, 0, 0, 0]);
    });

    it('grades the saved program when none is sent, and counts the best grade', async () => {
      const student = await newStudent();
      expect((await student.key.post(`/mp/${LAB}/save`, { program: PROGRAMS.solution })).status).toBe(200);
      const best = await grade(student, LAB);
      expect(best.grade.score).toBe(100);
      await pause(1_600);
      const worse = await grade(student, LAB, PROGRAMS.template);
      expect(worse.grade).toMatchObject({ score: 100, attemptId: best.attemptId });
      expect(worse.grade.history.map((h: { attemptId: string }) => h.attemptId)).toEqual([worse.attemptId, best.attemptId]);
      const list = (await student.session.get('/grades')).body;
      expect(list).toEqual([expect.objectContaining({ mpId: LAB, score: 100, maxScore: 100, passback: 'none' })]);
    });

    it('counts the last grade where the lab says grading: last', async () => {
      const student = await newStudent();
      expect((await grade(student, LAST_LAB, PROGRAMS.solution)).grade.score).toBe(100);
      await pause(1_600);
      const last = await grade(student, LAST_LAB, PROGRAMS.template);
      expect(last.grade).toMatchObject({ score: 0, attemptId: last.attemptId });
    });

    it('applies compile points, required keywords (not in comments) and the late penalty', async () => {
      const student = await newStudent();
      const program = `${PROGRAMS.solution}\n// a CUDA version would call cudaMalloc here\n`;
      const { grade: g } = await grade(student, LATE_LAB, program);
      const byName = Object.fromEntries(g.items.map((i: { name: string }) => [i.name, i]));
      expect(byName['Compiles']).toMatchObject({ points: 10, earned: 10 });
      expect(byName['Uses wbSolution']).toMatchObject({ points: 5, earned: 5 });
      expect(byName['Uses cudaMalloc']).toMatchObject({ points: 5, earned: 0 });
      // 115 of 120, two started days late at 25 % a day.
      expect(byName['Late']).toMatchObject({ points: 0, earned: -57.5 });
      expect(byName['Late'].message).toMatch(/2 day\(s\) after the deadline.*50% off/);
      expect(g).toMatchObject({ score: 57.5, maxScore: 120, late: true });
    });

    it('scores a program that does not compile with nothing, saying why', async () => {
      const student = await newStudent();
      const { grade: g } = await grade(student, LATE_LAB, 'int main() { return undefined_name; }');
      expect(g.items[0]).toMatchObject({ name: 'Compiles', earned: 0 });
      expect(g.items[0].message).toMatch(/did not compile \(compile error\)/);
      expect(g.items[1].message).toMatch(/not run/);
      expect(g.score).toBe(0);
    });
  });

  describe('the grade route', () => {
    it('refuses a missing, wrong or regenerated API key with 401', async () => {
      const student = await newStudent();
      const anonymous = platform.client();
      expect((await anonymous.post(`/mp/${LAB}/grade`, {})).status).toBe(401);
      const wrong = await anonymous.post(`/mp/${LAB}/grade`, { api_key: 'wb_not_a_key' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toMatch(/API key is not valid/);
      expect((await anonymous.post(`/mp/${LAB}/grade`, { api_key: '' })).status).toBe(401);
      expect((await anonymous.post(`/mp/${LAB}/grade`, {}, { authorization: 'Bearer wb_nope' })).status).toBe(401);
      const fresh = (await student.session.post('/whoami/api_key')).body.apiKey;
      const old = await anonymous.post(`/mp/${LAB}/grade`, { api_key: student.apiKey, program: PROGRAMS.solution });
      expect(old.status).toBe(401);
      expect((await anonymous.get(`/grade/${LAB}`, { authorization: `Bearer ${student.apiKey}` })).status).toBe(401);
      const viaBody = await anonymous.post(`/mp/${LAB}/grade`, { api_key: fresh, program: PROGRAMS.solution });
      expect(viaBody.status).toBe(202);
      await watcher.graded(viaBody.body.attemptId);
    });

    it('shares the limiter with submit (429) and answers bad input with a 4xx', async () => {
      const student = await newStudent();
      expect((await student.key.post(`/mp/${LAB}/grade`, {})).status).toBe(400); // nothing saved yet
      expect((await student.key.post(`/mp/${LAB}/submit`, { program: PROGRAMS.solution, dataset: 0 })).status).toBe(202);
      const limited = await student.key.post(`/mp/${LAB}/grade`, { program: PROGRAMS.solution });
      expect(limited.status).toBe(429);
      expect(limited.body.retryAfterMs).toBeGreaterThan(0);
      expect((await student.key.post('/mp/no-such-lab/grade', { program: 'x' })).status).toBe(404);
      expect((await student.key.post(`/mp/${LAB}/grade`, { program: 42 })).status).toBe(400);
      expect((await student.key.get(`/grade/${LAB}`)).status).toBe(404);
    });

    it('grades from the lab page with the session (a form post that leads to the attempt)', async () => {
      const student = await newStudent();
      const page = await student.session.get(`/mp/${LAB}`, { accept: 'text/html' });
      expect(page.text).toContain(`action="/mp/${LAB}/grade"`);
      expect((await student.session.post(`/mp/${LAB}/save`, { program: PROGRAMS.solution })).status).toBe(200);
      const form = await student.session.request('POST', `/mp/${LAB}/grade`, '', {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(form.status).toBe(303);
      const attemptId = /\/attempt\/([0-9a-f-]{36})$/.exec(form.headers.get('location') ?? '')?.[1];
      expect(attemptId).toBeDefined();
      await watcher.graded(attemptId!);
      const detail = await student.session.get(`/grade/${LAB}`, { accept: 'text/html' });
      expect(detail.text).toContain('100 / 100');
      expect(detail.text).toContain(`action="/mp/${LAB}/submit_grade"`);
    });
  });

  it('has no OAuth2 login when no provider is configured (404)', async () => {
    expect((await platform.client().get('/oauth_login?origin=/')).status).toBe(404);
    expect((await platform.client().get('/oauth_login/callback?code=x&state=y')).status).toBe(404);
  });

  describe('LTI 1.1 passback', () => {
    async function gradedStudent(program = PROGRAMS.solution) {
      const student = await newStudent();
      await grade(student, LAB, program);
      return { student };
    }

    async function requestPassback(student: Student) {
      const res = await student.session.post(`/mp/${LAB}/submit_grade`);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ passback: 'queued' });
    }

    it('sends the score to the course, signed, with the student sourcedid', async () => {
      const { student } = await gradedStudent(PROGRAMS.partial);
      const before = lti.received.length;
      const settled = watcher.passbackSettledForNext();
      await requestPassback(student);
      expect(await settled).toEqual({ state: 'completed' });
      expect(lti.received.slice(before)).toEqual([{ sourcedId: `${LAB}:${student.username}`, score: 0.55 }]);
      const g = (await student.key.get(`/grade/${LAB}`)).body;
      expect(g.passback.state).toBe('sent');
      expect(Date.parse(g.passback.sentAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((await student.session.get('/grades')).body[0].passback).toBe('sent');
    });

    it('retries through failures with backoff and records exactly one grade', async () => {
      const { student } = await gradedStudent();
      const [before, requestsBefore, triesBefore] = [lti.received.length, lti.requests, await passbackTries()];
      lti.failNext(3, 503);
      const settled = watcher.passbackSettledForNext();
      await requestPassback(student);
      expect(await settled).toEqual({ state: 'completed' });
      expect(lti.requests - requestsBefore).toBe(4);
      expect(await passbackTriesSince(triesBefore)).toEqual({ sent: 1, retry: 3, refused: 0, failed: 0 });
      expect(lti.received.slice(before)).toEqual([{ sourcedId: `${LAB}:${student.username}`, score: 1 }]);
      expect((await student.key.get(`/grade/${LAB}`)).body.passback).toMatchObject({ state: 'sent' });
    });

    it('fails at once with the reason when the course refuses (401)', async () => {
      const { student } = await gradedStudent();
      const [requestsBefore, triesBefore] = [lti.requests, await passbackTries()];
      lti.failNext(1, 401);
      const settled = watcher.passbackSettledForNext();
      await requestPassback(student);
      const outcome = await settled;
      expect(outcome.state).toBe('failed');
      expect(outcome.reason).toMatch(/401/);
      expect(lti.requests - requestsBefore).toBe(1);
      expect(await passbackTriesSince(triesBefore)).toEqual({ sent: 0, retry: 0, refused: 1, failed: 0 });
      const g = (await student.key.get(`/grade/${LAB}`)).body;
      expect(g.passback.state).toBe('failed');
      expect(g.passback.error).toMatch(/answered 401.*consumer key is not known/);
      const page = await student.session.get(`/grade/${LAB}`, { accept: 'text/html' });
      expect(page.text).toContain('consumer key is not known');
    });

    it('sends a new counting grade by itself where the lab says passback_auto', async () => {
      const student = await newStudent();
      const before = lti.received.length;
      const settled = watcher.passbackSettledForNext();
      const { grade: g } = await grade(student, AUTO_LAB, PROGRAMS.partial);
      expect(g.passback.state).not.toBe('none');
      expect(await settled).toEqual({ state: 'completed' });
      expect(lti.received.slice(before)).toEqual([{ sourcedId: `${AUTO_LAB}:${student.username}`, score: 0.55 }]);
      expect((await student.key.get(`/grade/${AUTO_LAB}`)).body.passback.state).toBe('sent');
    });

    describe('launched from the course (LTI 1.1)', () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
      const launchUrl = () => `${platform.baseUrl}/lti/launch`;
      let course: Lti11ConsumerStub; // the outcome service this course's launches name

      beforeAll(async () => {
        course = await startLti11ConsumerStub();
      });
      afterAll(() => course?.close());

      function launchFields(userId: string, extra: Record<string, string> = {}) {
        return {
          lti_message_type: 'basic-lti-launch-request',
          lti_version: 'LTI-1p0',
          resource_link_id: `link-${LAB}`,
          context_id: 'ece408-fa26',
          user_id: userId,
          roles: 'Learner',
          lis_person_name_full: `Ada Lovelace ${userId.slice(-4)}`,
          custom_mp: LAB,
          lis_outcome_service_url: course.url,
          lis_result_sourcedid: `sourcedid-${userId}`,
          ...extra,
        };
      }

      it('signs the student in at the lab and sends the grade where the launch said', async () => {
        const userId = `course-user-${randomBytes(4).toString('hex')}`;
        const student = platform.client();
        const launched = await student.post('/lti/launch', signedLaunchForm(launchUrl(), launchFields(userId), lti), form);
        expect(launched.status).toBe(303);
        expect(launched.headers.get('location')).toBe(`/mp/${LAB}`);
        const me = (await student.get('/whoami')).body;
        expect(me.username).toMatch(/^ada-lovelace-/);

        const started = await student.post(`/mp/${LAB}/grade`, { program: PROGRAMS.partial });
        expect(started.status).toBe(202);
        await watcher.graded(started.body.attemptId);
        const settled = watcher.passbackSettledForNext();
        expect((await student.post(`/mp/${LAB}/submit_grade`)).status).toBe(202);
        expect(await settled).toEqual({ state: 'completed' });
        // The launch's outcome service and sourcedid, not the configured default.
        expect(course.received).toEqual([{ sourcedId: `sourcedid-${userId}`, score: 0.55 }]);

        // The next launch finds the same student.
        const again = platform.client();
        expect((await again.post('/lti/launch', signedLaunchForm(launchUrl(), launchFields(userId), lti), form)).status).toBe(303);
        expect((await again.get('/whoami')).body.id).toBe(me.id);
      });

      it("gives the course's instructors the staff tools, and its learners none", async () => {
        const instructor = platform.client();
        const fields = launchFields(`course-teacher-${randomBytes(4).toString('hex')}`, {
          roles: 'urn:lti:role:ims/lis/Instructor,Learner',
        });
        expect((await instructor.post('/lti/launch', signedLaunchForm(launchUrl(), fields, lti), form)).status).toBe(303);
        expect((await instructor.get('/whoami')).body.role).toBe('staff');
        expect((await instructor.get(`/staff/grades/${LAB}/export.csv`)).status).toBe(200);

        const learner = platform.client();
        const student = launchFields(`course-user-${randomBytes(4).toString('hex')}`);
        expect((await learner.post('/lti/launch', signedLaunchForm(launchUrl(), student, lti), form)).status).toBe(303);
        expect((await learner.get('/whoami')).body.role).toBe('student');
        expect((await learner.get(`/staff/grades/${LAB}/export.csv`)).status).toBe(403);
      });

      it('makes staff only of a course the platform serves, and logs the change', async () => {
        // The same consumer key, another course: its instructor is a student here.
        const outsider = platform.client();
        const elsewhere = launchFields(`other-teacher-${randomBytes(4).toString('hex')}`, {
          roles: 'Instructor',
          context_id: 'some-other-course',
        });
        expect((await outsider.post('/lti/launch', signedLaunchForm(launchUrl(), elsewhere, lti), form)).status).toBe(303);
        expect((await outsider.get('/whoami')).body.role).toBe('student');
        expect((await outsider.get(`/staff/grades/${LAB}/export.csv`)).status).toBe(403);

        const teacher = platform.client();
        const here = launchFields(`ta-${randomBytes(4).toString('hex')}`, { roles: 'TeachingAssistant' });
        expect((await teacher.post('/lti/launch', signedLaunchForm(launchUrl(), here, lti), form)).status).toBe(303);
        const me = (await teacher.get('/whoami')).body;
        expect(me.role).toBe('staff');
        const audit = (await teacher.get('/staff/audit-log')).body as { action: string; subject: string; detail: string }[];
        expect(audit).toContainEqual(
          expect.objectContaining({ action: 'role.staff', subject: me.id, detail: expect.stringContaining('ece408-fa26') }),
        );
      });

      it('refuses a launch that is forged, replayed, stale or incomplete, saying why', async () => {
        const fields = launchFields(`course-user-${randomBytes(4).toString('hex')}`);
        const post = (body: string) => platform.client().post('/lti/launch', body, { ...form, accept: 'application/json' });
        const forged = await post(signedLaunchForm(launchUrl(), fields, { key: lti.key, secret: 'not-the-secret' }));
        expect(forged.status).toBe(401);
        expect(forged.body.error).toMatch(/signature does not match/);
        const stranger = await post(signedLaunchForm(launchUrl(), fields, { key: 'another-key', secret: lti.secret }));
        expect(stranger.status).toBe(401);
        const stale = await post(signedLaunchForm(launchUrl(), fields, { ...lti, timestamp: Math.floor(Date.now() / 1000) - 3600 }));
        expect(stale.body.error).toMatch(/too old/);

        const once = signedLaunchForm(launchUrl(), fields, lti);
        expect((await post(once)).status).toBe(303);
        const replayed = await post(once);
        expect(replayed.status).toBe(401);
        expect(replayed.body.error).toMatch(/used already/);

        const anonymous: Record<string, string> = { ...fields };
        delete anonymous.user_id;
        expect((await post(signedLaunchForm(launchUrl(), anonymous, lti))).body.error).toMatch(/user_id is missing/);
        const unknownLab = await post(signedLaunchForm(launchUrl(), { ...fields, custom_mp: 'no-such-lab' }, lti));
        expect(unknownLab.status).toBe(404);
        const page = await platform.client().post('/lti/launch', signedLaunchForm(launchUrl(), { ...fields, custom_mp: '' }, lti), form);
        expect(page.status).toBe(400);
        expect(page.text).toContain('the link names no lab');
      });
    });

    it('answers 404 without a grade, and takes only the session', async () => {
      const student = await newStudent();
      expect((await student.session.post(`/mp/${LAB}/submit_grade`)).status).toBe(404);
      expect((await student.key.post(`/mp/${LAB}/submit_grade`)).status).toBe(401);
    });
  });

  describe('staff tools', () => {
    async function admin(): Promise<HttpClient> {
      const client = platform.client();
      expect((await client.post('/login', { user: 'admin', pass: 'admin-password-for-tests' })).status).toBe(200);
      return client;
    }

    it('exports the counting grades as CSV, and refuses students (403)', async () => {
      const student = await newStudent();
      await grade(student, LAB, PROGRAMS.partial);
      const csv = await (await admin()).get(`/staff/grades/${LAB}/export.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('grade_id,username,user_id,score,max_score,late,graded_at,attempt_id,passback,overridden');
      expect(lines.find((l) => l.includes(`,${student.username},`))).toMatch(/,55,100,false,/);
      expect((await student.session.get(`/staff/grades/${LAB}/export.csv`)).status).toBe(403);
      expect((await student.session.post(`/staff/grades/${LAB}/regrade`)).status).toBe(403);
      expect((await (await admin()).get('/staff/grades/no-such-lab/export.csv')).status).toBe(404);
    });

    it('overrides a grade with an audit row, refusing bad input', async () => {
      const student = await newStudent();
      await grade(student, LAB, PROGRAMS.template);
      const staff = await admin();
      const row = (await staff.get(`/staff/grades/${LAB}/export.csv`)).text.split('\r\n').find((l) => l.includes(`,${student.username},`))!;
      const gradeId = row.split(',')[0];
      expect((await staff.post(`/staff/grades/override/${gradeId}`, { score: 80 })).status).toBe(400);
      expect((await staff.post(`/staff/grades/override/${gradeId}`, { score: 101, reason: 'too much' })).status).toBe(400);
      expect((await staff.post('/staff/grades/override/not-a-grade', { score: 1, reason: 'nothing' })).status).toBe(404);
      const done = await staff.post(`/staff/grades/override/${gradeId}`, { score: 80, reason: 'the hidden dataset was wrong' });
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ id: gradeId, score: 80 });
      expect((await student.key.get(`/grade/${LAB}`)).body.score).toBe(80);
      const after = (await staff.get(`/staff/grades/${LAB}/export.csv`)).text;
      expect(after).toMatch(new RegExp(`${gradeId},${student.username},.*,80,100,.*,true\r\n`));
    });

    it("sends an overridden score to the course when it already holds the student's grade, and only then", async () => {
      const staff = await admin();
      const gradeIdOf = async (student: Student) =>
        (await staff.get(`/staff/grades/${LAB}/export.csv`)).text
          .split('\r\n')
          .find((l) => l.includes(`,${student.username},`))!
          .split(',')[0];

      const sent = await newStudent();
      await grade(sent, LAB, PROGRAMS.partial);
      let settled = watcher.passbackSettledForNext();
      expect((await sent.session.post(`/mp/${LAB}/submit_grade`)).status).toBe(202);
      expect(await settled).toEqual({ state: 'completed' });
      const before = lti.received.length;
      settled = watcher.passbackSettledForNext();
      const gradeId = await gradeIdOf(sent);
      const done = await staff.post(`/staff/grades/override/${gradeId}`, { score: 80, reason: 'hidden dataset 7 was wrong' });
      expect(done.status).toBe(201);
      expect(done.body.passback).toEqual({ state: 'queued', gradeId, score: 80 });
      expect(await settled).toEqual({ state: 'completed' });
      expect(lti.received.slice(before)).toEqual([{ sourcedId: `${LAB}:${sent.username}`, score: 0.8 }]);
      expect((await sent.key.get(`/grade/${LAB}`)).body).toMatchObject({ score: 80, passback: { state: 'sent' } });

      // A student who has not sent a grade decides when the course gets one.
      const unsent = await newStudent();
      await grade(unsent, LAB, PROGRAMS.partial);
      const requestsBefore = lti.requests;
      const quiet = await staff.post(`/staff/grades/override/${await gradeIdOf(unsent)}`, { score: 70, reason: 'late work accepted' });
      expect(quiet.body.passback).toEqual({ state: 'none' });
      expect((await unsent.key.get(`/grade/${LAB}`)).body.passback.state).toBe('none');
      expect(lti.requests).toBe(requestsBefore);
    });

    it('gives the staff the grades as pages, with an override and a regrade from their forms', async () => {
      const html = { accept: 'text/html' };
      const form = { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
      const student = await newStudent();
      await grade(student, LAST_LAB, PROGRAMS.partial);
      const staff = await admin();
      const rowOf = (page: string) => page.split('<tr>').find((r) => r.includes(`>${student.username}</th>`)) ?? '';

      const index = await staff.get('/admin/grades', html);
      expect(index.status).toBe(200);
      expect(index.text).toContain(`href="/admin/grades/${LAST_LAB}"`);
      const page = await staff.get(`/admin/grades/${LAST_LAB}`, html);
      expect(rowOf(page.text)).toContain('55 / 100');
      const gradeId = /action="\/staff\/grades\/override\/([0-9a-f-]{36})"/.exec(rowOf(page.text))![1];

      const overridden = await staff.post(`/staff/grades/override/${gradeId}`, 'score=70&reason=checked+by+hand', form);
      expect(overridden.status).toBe(303);
      expect(overridden.headers.get('location')).toBe(`/admin/grades/${LAST_LAB}`);
      expect(rowOf((await staff.get(`/admin/grades/${LAST_LAB}`, html)).text)).toMatch(/70 \/ 100 <span class="muted">\(overridden\)/);
      const refused = await staff.post(`/staff/grades/override/${gradeId}`, 'score=70&reason=', form);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('reason must say why');

      const regrade = await staff.post(`/staff/grades/${LAST_LAB}/regrade`, '', form);
      expect(regrade.status).toBe(303);
      const location = regrade.headers.get('location')!;
      expect(location).toMatch(new RegExp(`^/admin/grades/${LAST_LAB}\\?regrade=[0-9a-f-]{36}$`));
      expect((await staff.get(location, html)).text).toMatch(/Regrade: \d+ of \d+ graded/);
      const batch = (await staff.get(`/staff/grades/${LAST_LAB}/regrade/${location.split('=')[1]}`)).body;
      for (const id of batch.attemptIds) await watcher.graded(id);
      expect((await staff.get(location, html)).text).toMatch(/Regrade: (\d+) of \1 graded \(\d+ runs finished\) — done\./);

      expect((await student.session.get('/admin/grades', html)).status).toBe(403);
    });

    it("regrades every student's counting attempt as queued jobs, with progress", async () => {
      const staff = await admin();
      const started = await staff.post(`/staff/grades/${LAST_LAB}/regrade`);
      expect(started.status).toBe(202);
      expect(started.body.total).toBeGreaterThanOrEqual(1);
      expect(started.body.attemptIds).toHaveLength(started.body.total);
      for (const id of started.body.attemptIds) await watcher.graded(id);
      const progress = await staff.get(`/staff/grades/${LAST_LAB}/regrade/${started.body.batchId}`);
      expect(progress.body).toMatchObject({
        total: started.body.total,
        finished: started.body.total,
        graded: started.body.total,
        done: true,
      });
      expect((await staff.get(`/staff/grades/${LAB}/regrade/${started.body.batchId}`)).status).toBe(404);
    });
  });
});
