import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { byCourseOrder, loadCatalogue } from '@wb/common';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ARTIFACTS, launchBrowser, openCode, signUp, TestBrowser } from './support/browser';

const LAB = 'vector-add-cpp';
const GPU_LAB = 'vector-add';

jest.setTimeout(120_000);

/**
 * Waiting made visible, in Chromium: a queued run's place in line with a Cancel button, Run and Grade off
 * with the reason while no worker serves the lab (and on again when one comes), the labs list's
 * badges in course order, and the account page's copy button.
 */
describe('waiting for a worker, in Chromium', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let base: string;
  let others = 0;

  beforeAll(async () => {
    // No worker at first: runs stay queued, and the labs' Run is off.
    [platform, browser] = await Promise.all([
      startPlatform({ SUBMIT_INTERVAL_MS: '0' }, { worker: false, grader: false }),
      launchBrowser(),
    ]);
    base = platform.baseUrl;
  });

  afterAll(async () => {
    await platform?.stop();
    await browser?.close(); // last: it fails the file if the pages' policy refused anything
  });

  async function student(): Promise<Page> {
    const page = await (await browser.context()).newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && console.error(`console: ${msg.text()}`));
    await signUp(page, base);
    return page;
  }

  /** Another student's run, queued ahead. */
  async function someoneElseQueues(): Promise<void> {
    const other: HttpClient = platform.client();
    expect((await other.post('/signup', { user: `ahead${++others}_${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    expect((await other.post(`/mp/${LAB}/submit`, { program: 'int main() {}', dataset: 0 })).status).toBe(202);
  }

  it('shows a queued run’s place in line and cancels it', async () => {
    const page = await student();
    await someoneElseQueues();
    const submitted = await page.request.post(`${base}/mp/${LAB}/submit`, { data: { program: 'int main() {}', dataset: 0 } });
    expect(submitted.status()).toBe(202);
    const { attemptId } = await submitted.json();

    await openCode(page, base, LAB);
    const place = page.locator('#current-attempt #queue-place');
    await place.getByText('queued · 2nd in line').waitFor();
    expect(await page.locator('#attempt-status').innerText()).toBe('queued');
    await page.screenshot({ path: join(ARTIFACTS, 'waiting-queued.png'), fullPage: true });

    await place.getByRole('button', { name: 'Cancel this run' }).click();
    await page.locator(`#current-attempt .attempt-detail[data-attempt="${attemptId}"][data-status="cancelled"]`).waitFor();
    await expect(place.count()).resolves.toBe(0);
    expect(await page.locator(`#attempts-table tr[data-attempt="${attemptId}"] .status`).innerText()).toBe('cancelled');
    expect((await (await page.request.get(`${base}/mp/${LAB}/attempt/${attemptId}`)).json()).status).toBe('cancelled');
    await page.screenshot({ path: join(ARTIFACTS, 'waiting-cancelled.png'), fullPage: true });
    await page.context().close();
  });

  it('keeps Run and Grade off with the reason beside them while no worker serves the lab, and turns them on when one comes', async () => {
    const page = await student();
    await openCode(page, base, GPU_LAB);
    await expect(page.locator('#run-button').isDisabled()).resolves.toBe(true);
    expect(await page.locator('#worker-waiting').innerText()).toBe(
      'No GPU worker is available right now — the staff have been alerted. Run is off until one is back.',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'waiting-no-gpu-worker.png'), fullPage: true });

    await openCode(page, base, LAB);
    const run = page.locator('#run-button');
    await expect(run.isDisabled()).resolves.toBe(true);
    expect(await run.getAttribute('aria-describedby')).toBe('worker-waiting');
    // Grade too: it would only queue a run that nothing takes.
    const grade = page.locator('#grade-button');
    await expect(grade.isDisabled()).resolves.toBe(true);
    expect(await grade.getAttribute('aria-describedby')).toBe('grade-waiting');
    expect(await page.locator('#grade-waiting').textContent()).toBe('No worker is available right now: Grade is off until one is back.');
    // Neither the button nor the shortcut submits meanwhile.
    let submissions = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/submit') && submissions++);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');

    await platform.startWorker(`waiting-${process.pid}`);
    await page.locator('#run-button:enabled').waitFor({ timeout: 45_000 });
    expect(await page.locator('#worker-waiting').innerText()).toBe('A worker is back: Run is on again.');
    expect(submissions).toBe(0);
    await expect(grade.isEnabled()).resolves.toBe(true);
    expect(await grade.getAttribute('aria-describedby')).toBeNull();
    await expect(page.locator('#grade-waiting').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'waiting-worker-back.png'), fullPage: true });

    // A reload shows the same.
    await page.reload();
    await page.locator('.cm-content').waitFor();
    await expect(run.isEnabled()).resolves.toBe(true);
    await expect(page.locator('#worker-waiting').count()).resolves.toBe(0);
    await expect(grade.isEnabled()).resolves.toBe(true);
    await page.context().close();
  });

  it('lists the labs in course order, each with its toolchain and whether it needs a GPU', async () => {
    const page = await student();
    const labs = [...loadCatalogue(join(ROOT, 'mps')).values()].sort(byCourseOrder);
    const rows = page.locator('main tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lab')))).toEqual(labs.map((mp) => mp.config.id));
    expect(await rows.first().locator('th').innerText()).toBe('Device query CUDA needs a GPU');
    expect(await rows.first().locator('.badge').allInnerTexts()).toEqual(['CUDA', 'needs a GPU']);
    expect(await page.locator(`tr[data-lab="${LAB}"] .badge`).allInnerTexts()).toEqual(['C++']);
    expect(await page.locator('tr[data-lab="reduction-openmp"] .badge').allInnerTexts()).toEqual(['OpenMP']);
    expect(await page.locator('tr[data-lab="vector-add-opencl"] .badge').allInnerTexts()).toEqual(['OpenCL']);
    await page.screenshot({ path: join(ARTIFACTS, 'labs-list-badges.png'), fullPage: true });
    await page.context().close();
  });

  it('copies the login command from the account page', async () => {
    const page = await student();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.goto(`${base}/whoami`);
    const login = await page.locator('#client-setup').innerText();
    expect(login).toMatch(/^wb login --server \S+ --key wb_\S+$/);
    await page.getByRole('button', { name: 'Copy the login command' }).click();
    await page.locator('#copy-state', { hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(login);
    await page.screenshot({ path: join(ARTIFACTS, 'whoami-client-setup.png'), fullPage: true });
    await page.context().close();
  });
});
