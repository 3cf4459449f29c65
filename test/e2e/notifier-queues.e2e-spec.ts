import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastHealthEnv } from '../support/health-env';
import { startNotifier } from '../support/notifier';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort, ROOT } from '../support/processes';
import { SmtpSink, smtpSink } from '../support/smtp-sink';

jest.setTimeout(180_000);

const LAB = 'vector-add-cpp';

/**
 * The night before a deadline, the only C++ worker goes away: the staff must hear that the run
 * queue has no consumer and that students' runs are piling up, the student must see that the run
 * waits, and once a worker is back the run must finish and the staff hear that too.
 */
describe('the notifier and a run queue nobody serves', () => {
  let platform: TestPlatform;
  let sink: SmtpSink;
  let notifier: AppProcess;

  beforeAll(async () => {
    sink = smtpSink(await freePort());
    await sink.start();
    platform = await startPlatform({ ...fastHealthEnv(sink.url), QUEUE_BACKLOG_ALERT_MS: '3000' }, { grader: false });
    notifier = await startNotifier(platform.env);
  });

  afterAll(async () => {
    if (process.env.WB_TEST_DEBUG) console.log(notifier?.log());
    await notifier?.stop();
    await platform?.stop();
    await sink?.stop();
  });

  it('alerts on the queue without a consumer and its backlog, tells the student, and recovers when a worker is back', async () => {
    await platform.workers[0].app.stop(); // a graceful stop: it deregisters
    const student = platform.client();
    expect((await student.post('/signup', { user: `q${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    const program = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
    const submitted = await student.post(`/mp/${LAB}/submit`, { program, dataset: 0 });
    expect(submitted.status).toBe(202);
    const attemptId = submitted.body.attemptId as string;

    // On a loaded machine both incidents can open in the same round and share one digest ("2 down").
    const noConsumer = await sink.waitForEmail((e) => /queue without consumer run-cpu/.test(e.text) && /DOWN/.test(e.text), 30_000);
    expect(noConsumer.text).toMatch(/no worker consumes run-cpu \(1 job\(s\) waiting\)/);
    const backlog = await sink.waitForEmail((e) => /queue backlog run-cpu/.test(e.text) && /DOWN/.test(e.text), 30_000);
    expect(backlog.text).toMatch(/the oldest waiting job of run-cpu has waited \d+ s/);
    const page = await student.get(`/mp/${LAB}`, { accept: 'text/html' });
    expect(page.text).toContain('Your run is waiting for a worker — the staff have been alerted.');
    expect((await student.get(`/mp/${LAB}/attempt/${attemptId}`)).body.status).toBe('queued');

    const downEmails = sink.emails.length;
    await platform.startWorker(`back-${process.pid}`);
    await platform.waitForRun(attemptId);
    expect((await student.get(`/mp/${LAB}/attempt/${attemptId}`)).body.status).toBe('passed');
    const recovered = await sink.waitForEmail(
      (e) => sink.emails.indexOf(e) >= downEmails && /RECOVERED/.test(e.text) && /queue without consumer run-cpu/.test(e.text),
      30_000,
    );
    expect(recovered.text).toMatch(/Back to normal/);
    await sink.waitForEmail((e) => sink.emails.indexOf(e) >= downEmails && /RECOVERED: queue backlog run-cpu/.test(e.text), 30_000);
    expect((await student.get(`/mp/${LAB}`, { accept: 'text/html' })).text).not.toContain('id="worker-waiting"');
  });
});
