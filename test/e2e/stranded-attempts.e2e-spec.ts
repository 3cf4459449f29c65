import { QUEUE, TOOLCHAIN_SPECS } from '@wb/common';
import { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastHealthEnv } from '../support/health-env';
import { HttpClient } from '../support/http-client';
import { startNotifier } from '../support/notifier';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort, ROOT, startApp } from '../support/processes';
import { SmtpSink, smtpSink } from '../support/smtp-sink';

jest.setTimeout(180_000);

const LAB = 'vector-add-cpp';

/**
 * No attempt may wait forever: one whose run job failed for good ends as internal_error saying
 * why (and a grade attempt gets no grade of 0 for it), one whose job was lost is queued again and
 * finishes, and a judged grade attempt whose grade job was lost is graded all the same. The notifier looks each round (every second here) at attempts unfinished for 2 s.
 */
describe('attempts stranded by a failed or lost run job', () => {
  let platform: TestPlatform;
  let sink: SmtpSink;
  let notifier: AppProcess;
  let runQueue: Queue;
  const program = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');

  beforeAll(async () => {
    sink = smtpSink(await freePort());
    await sink.start();
    platform = await startPlatform({ ...fastHealthEnv(sink.url), STRANDED_ATTEMPT_AFTER_MS: '2000' });
    notifier = await startNotifier(platform.env);
    runQueue = new Queue(TOOLCHAIN_SPECS.cpp.queue, { connection: { url: platform.env.REDIS_URL }, prefix: platform.env.REDIS_PREFIX });
    await platform.workers[0].app.stop();
  });

  afterAll(async () => {
    if (process.env.WB_TEST_DEBUG) console.log(notifier?.log());
    await runQueue?.close();
    await notifier?.stop();
    await platform?.stop();
    await sink?.stop();
  });

  let students = 0;
  async function newStudent(): Promise<HttpClient> {
    const session = platform.client();
    expect((await session.post('/signup', { user: `stranded${++students}_${process.pid}`, pass: 'correct horse battery' })).status).toBe(
      201,
    );
    const apiKey = (await session.get('/whoami')).body.apiKey as string;
    return platform.client().withHeaders({ authorization: `Bearer ${apiKey}` });
  }

  /** The attempt once finished: its event stream ends with its final status (no polling). */
  async function finished(student: HttpClient, attemptId: string) {
    const events = await student.get(`/mp/${LAB}/attempt/${attemptId}/events`, { accept: 'text/event-stream' });
    expect(events.status).toBe(200);
    return (await student.get(`/mp/${LAB}/attempt/${attemptId}`)).body;
  }

  it('ends an attempt whose job failed for good as internal_error, saying why, and grades nothing for it', async () => {
    // A worker without the lab refuses the job (UnrecoverableError): it fails at once, for good.
    const worker = await platform.startWorker(`no-labs-${process.pid}`, { MPS_DIR: join(ROOT, 'test', 'no-such-folder') });
    const runner = await newStudent();
    const run = await runner.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
    expect(run.status).toBe(202);
    const grader = await newStudent();
    const grade = await grader.post(`/mp/${LAB}/grade`, { program });
    expect(grade.status).toBe(202);

    for (const [student, attemptId] of [
      [runner, run.body.attemptId],
      [grader, grade.body.attemptId],
    ] as const) {
      const attempt = await finished(student, attemptId);
      expect(attempt.status).toBe('internal_error');
      expect(attempt.output).toContain(`The platform could not run this attempt (this worker has no lab "${LAB}")`);
      expect(attempt.output).toContain('Your program is saved: run it again.');
    }
    await platform.grader!.waitForLine(new RegExp(`attempt ${grade.body.attemptId} ended in internal_error: not graded`));
    expect((await grader.get(`/grade/${LAB}`)).status).toBe(404);
    await worker.app.stop();
  });

  it('queues again an attempt whose job was lost, and it finishes', async () => {
    const student = await newStudent();
    const submitted = await student.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
    expect(submitted.status).toBe(202);
    const attemptId = submitted.body.attemptId as string;
    // Nothing consumes the queue now; the job is lost as in a Redis restart without persistence.
    await runQueue.remove(attemptId);
    expect(await runQueue.getJobState(attemptId)).toBe('unknown');

    await notifier.waitForLine(new RegExp(`attempt ${attemptId} \\(${LAB}\\) had no run job: queued again`), 30_000);
    await platform.startWorker(`back-${process.pid}`);
    const attempt = await finished(student, attemptId);
    expect(attempt.status).toBe('passed');
    expect(attempt.results).toHaveLength(1);
  });

  it('queues again the grade job of a judged grade attempt that lost it, and the attempt is graded', async () => {
    // The grader is away while the attempt is judged, and its job is lost before it comes back.
    await platform.grader!.stop();
    const gradeQueue = new Queue(QUEUE.grade, { connection: { url: platform.env.REDIS_URL }, prefix: platform.env.REDIS_PREFIX });
    let grader: AppProcess | null = null;
    try {
      const student = await newStudent();
      const submitted = await student.post(`/mp/${LAB}/grade`, { program });
      expect(submitted.status).toBe(202);
      const attemptId = submitted.body.attemptId as string;
      expect((await finished(student, attemptId)).status).toBe('passed');
      await gradeQueue.remove(attemptId);
      expect(await gradeQueue.getJobState(attemptId)).toBe('unknown');

      await notifier.waitForLine(new RegExp(`attempt ${attemptId} has a verdict but no grade job: queued again`), 30_000);
      grader = startApp('grader', platform.env);
      await grader.waitForLine(new RegExp(`graded attempt ${attemptId}`), 60_000);
      const grade = await student.get(`/grade/${LAB}`);
      expect(grade.status).toBe(200);
      expect(grade.body).toMatchObject({ attemptId, score: 100, maxScore: 100 });
    } finally {
      await grader?.stop();
      await gradeQueue.close();
    }
  });
});
