import { TOOLCHAIN_SPECS } from '@wb/common';
import { QueueEvents } from 'bullmq';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fastHealthEnv } from '../support/health-env';
import { startNotifier } from '../support/notifier';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort } from '../support/processes';
import { SLOW_LAB, slowLabFolder, slowSolution } from '../support/slow-lab';
import { SmtpSink, smtpSink } from '../support/smtp-sink';

jest.setTimeout(240_000);

describe('the notifier and a worker killed in the middle of a job', () => {
  let platform: TestPlatform;
  let sink: SmtpSink;
  let notifier: AppProcess;
  const mps = slowLabFolder();

  beforeAll(async () => {
    sink = smtpSink(await freePort());
    await sink.start();
    platform = await startPlatform({ ...fastHealthEnv(sink.url), MPS_DIR: mps });
    notifier = await startNotifier(platform.env);
  });

  afterAll(async () => {
    if (process.env.WB_TEST_DEBUG) console.log(notifier?.log());
    await notifier?.stop();
    await platform?.stop();
    await sink?.stop();
    rmSync(mps, { recursive: true, force: true });
  });

  it('alerts within 60 s, and the attempt still finishes on another worker with one result', async () => {
    const student = platform.client();
    expect((await student.post('/signup', { user: `nfailover_${process.pid}`, pass: 'long enough password' })).status).toBe(201);
    const events = new QueueEvents(TOOLCHAIN_SPECS.cpp.queue, {
      connection: { url: platform.env.REDIS_URL! },
      prefix: platform.env.REDIS_PREFIX,
    });
    await events.waitUntilReady();
    try {
      const active = new Promise<string>((resolve) => events.on('active', ({ jobId }) => resolve(jobId)));
      const submitted = await student.post(`/mp/${SLOW_LAB}/submit`, { program: slowSolution(), dataset: -1 });
      expect(submitted.status).toBe(202);
      expect(await active).toBe(submitted.body.attemptId);

      const first = platform.workers[0];
      const name = /registered as (\S+)/.exec(first.app.log())![1];
      const killed = once(first.app.child, 'exit');
      first.app.child.kill('SIGKILL');
      await killed;
      const killedAt = Date.now();

      // The queue also lost its only consumer: that may come in the same digest or its own email.
      await sink.waitForEmail((e) => e.text.includes(`DOWN: worker down ${name}`), 60_000);
      expect(Date.now() - killedAt).toBeLessThan(60_000);

      await platform.startWorker(`nfailover-second-${process.pid}`);
      await platform.waitForRun(submitted.body.attemptId, 150_000);
      const attempt = (await student.get(`/mp/${SLOW_LAB}/attempt/${submitted.body.attemptId}`)).body;
      expect(attempt.status).toBe('passed');
      expect(attempt.results).toHaveLength(3);
      expect((await student.get(`/mp/${SLOW_LAB}/attempts`)).body).toHaveLength(1);
    } finally {
      await events.close();
    }
  });
});
