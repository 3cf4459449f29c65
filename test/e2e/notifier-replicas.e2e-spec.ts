import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fastHealthEnv } from '../support/health-env';
import { startNotifier, waitForAnyLine } from '../support/notifier';
import { startPlatform, TestPlatform } from '../support/platform';
import { AppProcess, freePort } from '../support/processes';
import { SmtpSink, smtpSink } from '../support/smtp-sink';

jest.setTimeout(180_000);

const QUIET_MS = 4_000;

/**
 * Two notifier replicas, two workers whose (site) GPU probes share one flag file: they fail and
 * recover together. What fails together is one digest email, sent once whatever the replicas,
 * and an SMTP outage delays the email without losing it.
 */
describe('two notifier replicas, two workers failing at once, an SMTP outage', () => {
  let platform: TestPlatform;
  let sink: SmtpSink;
  const notifiers: AppProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wb-notifier-'));
  const flag = join(dir, 'gpus-are-dead');
  const names = [`gpu-a-${process.pid}`, `gpu-b-${process.pid}`];

  beforeAll(async () => {
    sink = smtpSink(await freePort());
    await sink.start();
    // The window must cover the two workers' probes reaching their second failure; on a loaded
    // machine those can be rounds apart (1.5 s was once too short in CI).
    platform = await startPlatform({ ...fastHealthEnv(sink.url), ALERT_DEBOUNCE_MS: '5000' });
    notifiers.push(await startNotifier(platform.env), await startNotifier(platform.env));
    for (const name of names) await platform.startWorker(name, { GPU_PROBE_COMMAND: `test ! -e ${flag}` });
  });

  afterAll(async () => {
    if (process.env.WB_TEST_DEBUG) for (const n of notifiers) console.log(n.log());
    await Promise.all(notifiers.map((n) => n.stop()));
    await platform?.stop();
    await sink?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends one digest for two workers down, not one email per worker or per replica', async () => {
    await sleep(2_000);
    writeFileSync(flag, '');
    const [digest] = await sink.waitForEmails(1, 30_000);
    await sleep(QUIET_MS);
    expect(sink.emails).toHaveLength(1);
    expect(digest.subject).toContain('2 down, 0 recovered');
    for (const name of names) expect(digest.text).toContain(`DOWN: worker down ${name}`);
  });

  it('delays the recovery email while SMTP is down and sends it, once, when SMTP is back', async () => {
    await sink.stop();
    rmSync(flag);
    await waitForAnyLine(notifiers, /alert email not sent yet/, 30_000);
    // Both recoveries owed before SMTP is back (on a loaded machine the two workers' probes can
    // be rounds apart): the one email then carries both.
    for (const name of names) await waitForAnyLine(notifiers, new RegExp(`worker ${name} is up again`), 30_000);
    expect(sink.emails).toHaveLength(1);

    await sink.start();
    const [, recovered] = await sink.waitForEmails(2, 90_000);
    expect(recovered.subject).toContain('0 down, 2 recovered');
    for (const name of names) expect(recovered.text).toContain(`RECOVERED: worker down ${name}`);
    await sleep(QUIET_MS);
    expect(sink.emails).toHaveLength(2);
  });
});
