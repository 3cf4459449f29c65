import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { Page } from 'playwright-core';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ARTIFACTS, editorText, launchBrowser, logIn, openCode, signUp, TestBrowser, typeAtEnd } from './support/browser';
import { labsWithHostileDescription, XSS_LAB, XSS_PAYLOADS } from './support/lab-dir';

const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');

jest.setTimeout(120_000);

describe('the lab page in Chromium: editor, autosave, run, live attempts', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let mpsDir: string;
  let base: string;

  beforeAll(async () => {
    mpsDir = labsWithHostileDescription();
    [platform, browser] = await Promise.all([startPlatform({ MPS_DIR: mpsDir }), launchBrowser()]);
    base = platform.baseUrl;
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(mpsDir, { recursive: true, force: true });
    await browser?.close(); // last: it fails the file if the pages' policy refused anything
  });

  /** A signed-up student's page on the lab's Code tab. */
  async function studentOnCode(options: { phone?: boolean } = {}): Promise<Page> {
    const context = await browser.context(options);
    const page = await context.newPage();
    // The page's own errors end up in the test output, to diagnose a failure.
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && console.error(`console: ${msg.text()}`));
    await signUp(page, base);
    await openCode(page, base, LAB);
    return page;
  }

  const saved = (page: Page, timeout = 8000) =>
    page.waitForResponse((r) => r.url().endsWith(`/mp/${LAB}/save`) && r.status() === 200, { timeout });

  async function savedProgram(page: Page): Promise<string> {
    return (await (await page.request.get(`${base}/mp/${LAB}/program`)).json()).program;
  }

  it('autosaves typed text within seconds, only when it changed, and shows it after a reload', async () => {
    const page = await studentOnCode();
    let saveRequests = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/save') && saveRequests++);

    await page.waitForTimeout(4000); // more than one autosave period with nothing typed
    expect(saveRequests).toBe(0);

    const autosaved = saved(page); // listening first: the save may come at any moment of the period
    await typeAtEnd(page, '\n// typed by the browser test');
    await autosaved;
    // The page shows the state once it has handled the response: wait for the text, not the request.
    await page.locator('#save-state', { hasText: /^Saved \d\d:\d\d:\d\d UTC$/ }).waitFor({ timeout: 5_000 });
    expect(saveRequests).toBe(1);

    await page.waitForTimeout(7000); // two more periods, unchanged: no request at all
    expect(saveRequests).toBe(1);

    await page.reload();
    await page.locator('.cm-content').waitFor();
    expect(await editorText(page)).toContain('// typed by the browser test');
    await page.screenshot({ path: join(ARTIFACTS, 'lab-page-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('says when the program was saved in UTC, as the attempts are, with the date once it is not today', async () => {
    const page = await studentOnCode();
    const autosaved = saved(page);
    await typeAtEnd(page, '\n// saved for the clock');
    const { savedAt } = await (await autosaved).json();
    const iso = new Date(savedAt).toISOString();
    await page.locator('#save-state', { hasText: `Saved ${iso.slice(11, 19)} UTC` }).waitFor({ timeout: 5_000 });

    // Two days on (the browser's clock), the same save is named with its day.
    await page.clock.setFixedTime(Date.parse(savedAt) + 2 * 86_400_000);
    await page.reload();
    await page.locator('.cm-content').waitFor();
    expect(await page.locator('#save-state').innerText()).toBe(`Saved ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`);
    await page.context().close();
  });

  it('saves an edit made just before the tab closes (beacon)', async () => {
    const page = await studentOnCode();
    await typeAtEnd(page, '\n// written just before closing');
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    await closed;

    const again = await page.context().newPage();
    await openCode(again, base, LAB);
    expect(await editorText(again)).toContain('// written just before closing');
    await again.context().close();
  });

  it('grades the program in the editor, with an edit typed a moment before, and saves it', async () => {
    const page = await studentOnCode();
    await typeAtEnd(page, '\n// typed just before grading');
    // At this width the grade is in the results pane beside the editor: no tab to open.
    await Promise.all([page.waitForURL(/\/attempt\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Grade this program' }).click()]);
    const attempt = await (await page.request.get(page.url(), { headers: { accept: 'application/json' } })).json();
    expect(attempt.dataset).toBe(-1);
    expect(attempt.program).toContain('// typed just before grading');
    // The form post's CRLF line breaks (every browser sends them) are the editor's LF again.
    expect(attempt.program).not.toContain('\r');
    expect(await savedProgram(page)).toBe(attempt.program);
    await page.screenshot({ path: join(ARTIFACTS, 'lab-page-grade-edit.png'), fullPage: true });
    // Back on the lab page, the graded text is the saved one: no conflict with a "newer save".
    await openCode(page, base, LAB);
    expect(await editorText(page)).toContain('// typed just before grading');
    expect(await page.locator('#conflict').isHidden()).toBe(true);
    await page.context().close();
  });

  it('keeps the text while the gateway is down and saves it once the gateway is back', async () => {
    const page = await studentOnCode();
    await platform.stopGateway();
    const savedOnceBack = saved(page, 40_000);
    try {
      await typeAtEnd(page, '\n// typed while the server was down');
      await page.locator('#save-state', { hasText: 'Offline — will retry' }).waitFor({ timeout: 10_000 });
    } finally {
      await platform.startGateway();
    }
    await savedOnceBack;
    expect(await savedProgram(page)).toContain('// typed while the server was down');
    await page.context().close();
  });

  it('keeps the student signed in and saving when Redis loses every key of the platform', async () => {
    const page = await studentOnCode();
    const first = saved(page);
    await typeAtEnd(page, '\n// typed before Redis lost its data');
    await first;
    // As a Redis restarted empty: sessions, limiter state and queues of this platform all gone.
    const redis = new Redis(platform.env.REDIS_URL!);
    try {
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${platform.env.REDIS_PREFIX}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        if ((cursor = next) === '0') break;
      }
    } finally {
      redis.disconnect();
    }
    const second = saved(page);
    await typeAtEnd(page, '\n// typed after Redis lost its data');
    await second;
    const text = await savedProgram(page);
    expect(text).toContain('// typed before Redis lost its data');
    expect(text).toContain('// typed after Redis lost its data');
    // Still signed in: the reloaded page is the lab's, with the saved text (not the login page).
    await page.reload();
    await page.locator('.cm-content').waitFor();
    expect(page.url()).toBe(`${base}/mp/${LAB}#code`);
    expect(await editorText(page)).toContain('// typed before Redis lost its data');
    await page.context().close();
  });

  it('keeps text typed after the session ended in the browser, and saves it after the student signs in again', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const username = await signUp(page, base);
    await openCode(page, base, LAB);
    // Signed out elsewhere (another tab): this tab's saves are refused from now on.
    expect((await page.request.post(`${base}/logout`, { headers: { accept: 'application/json' } })).status()).toBe(204);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/mp/${LAB}/save`) && r.status() === 401, { timeout: 8000 });
    await typeAtEnd(page, '\n// typed after the session ended');
    await refused;
    await page.locator('#save-state', { hasText: 'logged out' }).waitFor({ timeout: 5_000 });
    await page.close(); // the beacon is refused too: only the browser's copy is left

    const again = await context.newPage();
    await logIn(again, base, username);
    const savedAgain = saved(again);
    await openCode(again, base, LAB);
    expect(await again.locator('#save-state').innerText()).toMatch(
      /^Restored your unsaved text from \d\d:\d\d:\d\d UTC; saving it…$|^Saving…$|^Saved/,
    );
    await savedAgain;
    expect(await savedProgram(again)).toContain('// typed after the session ended');
    // Saved: the browser's copy is gone, so another student on this computer sees nothing of it.
    expect(await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('wb:draft:')))).toEqual([]);

    // Again, but this time the program is saved elsewhere before the student comes back: the
    // browser's copy is not lost, nor saved over the newer one; the student chooses.
    expect((await again.request.post(`${base}/logout`, { headers: { accept: 'application/json' } })).status()).toBe(204);
    const refusedAgain = again.waitForResponse((r) => r.url().endsWith(`/mp/${LAB}/save`) && r.status() === 401, { timeout: 8000 });
    await typeAtEnd(again, '\n// second draft');
    await refusedAgain;
    await again.close();
    const third = await context.newPage();
    await logIn(third, base, username);
    expect((await third.request.post(`${base}/mp/${LAB}/save`, { data: { program: '// saved from elsewhere\n' } })).status()).toBe(200);
    await openCode(third, base, LAB);
    await third.locator('#conflict', { hasText: 'saved from another tab or the wb client' }).waitFor({ timeout: 5_000 });
    const keptMine = saved(third);
    await third.getByRole('button', { name: 'Keep mine (overwrite it)' }).click();
    await keptMine;
    expect(await savedProgram(third)).toContain('// second draft');
    await context.close();
  });

  it('shows a save from another tab instead of overwriting it', async () => {
    const page = await studentOnCode();
    const other = await page.request.post(`${base}/mp/${LAB}/save`, { data: { program: '// saved from another tab\n' } });
    expect(other.status()).toBe(200);

    await typeAtEnd(page, '\n// edited in the stale tab');
    const banner = page.locator('#conflict');
    await banner.waitFor({ state: 'visible', timeout: 8000 });
    await page.locator('#save-state', { hasText: /newer version/ }).waitFor({ timeout: 5_000 });
    expect(await savedProgram(page)).toBe('// saved from another tab\n');

    await banner.getByRole('button', { name: 'Load the saved version' }).click();
    expect(await editorText(page)).toContain('// saved from another tab');
    await page.context().close();
  });

  it('runs on one dataset and on all, with live status to the verdict and the limiter holding Run', async () => {
    const page = await studentOnCode();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(solution);

    /** Clicks Run and returns the attempt's finished view on the page. */
    const run = async (dataset: string) => {
      await page.selectOption('#dataset', dataset);
      const [submitted] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 202),
        page.getByRole('button', { name: 'Run' }).click(),
      ]);
      const { attemptId } = await submitted.json();
      return page.locator(`#current-attempt .attempt-detail[data-attempt="${attemptId}"]`);
    };

    const first = await run('0');
    // Held, not counting down: a number on the button read like the run's own time.
    const held = page.locator('#run-button[aria-disabled="true"][title="One run every 3 seconds"]', { hasText: /^Run$/ });
    const runnable = page.locator('#run-button:not([aria-disabled="true"])');
    await held.waitFor();
    await first.waitFor({ timeout: 30_000 });
    expect(await first.getAttribute('data-status')).toBe('passed');
    expect(await first.locator('table.results tbody tr').count()).toBe(1);
    expect(await first.locator('table.timers tbody tr').count()).toBeGreaterThan(0);
    // A finished attempt's stream is its current status and then the end; nobody else's to read.
    const eventsUrl = `${base}/mp/${LAB}/attempt/${await first.getAttribute('data-attempt')}/events`;
    const events = await page.request.get(eventsUrl);
    expect(events.headers()['content-type']).toMatch(/^text\/event-stream/);
    expect(await events.text()).toMatch(/^event: status\ndata: \{.*"status":"passed"/m);
    const stranger = await browser.context();
    await signUp(await stranger.newPage(), base);
    expect((await stranger.request.get(eventsUrl)).status()).toBe(404);
    await stranger.close();

    // The attempts table beside the editor got the row and its verdict without a reload.
    await page.locator('#attempts-table tbody tr').first().locator('.status-passed').waitFor();

    await runnable.waitFor({ timeout: 5000 });
    const all = await run('-1');
    await all.waitFor({ timeout: 60_000 });
    expect(await all.getAttribute('data-status')).toBe('passed');
    expect(await all.locator('table.results tbody tr').count()).toBe(6);
    await page.screenshot({ path: join(ARTIFACTS, 'lab-page-run-desktop.png'), fullPage: true });

    // Another client (the wb tool) takes the submission slot: the page's Run is told to wait.
    await runnable.waitFor({ timeout: 5000 });
    expect((await page.request.post(`${base}/mp/${LAB}/submit`, { data: { program: solution, dataset: 0 } })).status()).toBe(202);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('#run-state', { hasText: 'One run every 3 seconds' }).waitFor();
    await held.waitFor();
    await runnable.waitFor({ timeout: 5000 });
    await page.context().close();
  });

  it('shows each status of a slow run as it happens, across a reload', async () => {
    const page = await studentOnCode();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      '#include <wb.h>\nint main(int argc, char **argv) {\n  volatile unsigned long spins = 0;\n  for (;;) spins++;\n}\n',
    );
    await page.getByRole('button', { name: 'Run' }).click();
    // The worker reports `running`, then seconds later the time limit's verdict.
    await page.locator('#current-attempt #attempt-status', { hasText: 'running' }).waitFor({ timeout: 20_000 });
    await page.reload(); // a reload during the run picks the attempt up again
    await page.locator('#current-attempt #attempt-status').waitFor();
    await page.locator('#current-attempt .attempt-detail[data-status="timeout"]').waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('resets the program to the template after a confirmation, and links the public datasets', async () => {
    const page = await studentOnCode();
    const autosaved = saved(page); // listening first: the save may come at any moment of the period
    await typeAtEnd(page, '\n// to be thrown away');
    await autosaved;
    page.once('dialog', (dialog) => dialog.accept());
    const resetSaved = saved(page); // the reset saves at once: listen before clicking
    await page.getByRole('button', { name: 'Reset to template' }).click();
    await resetSaved;
    expect(await savedProgram(page)).toBe(readFileSync(join(ROOT, 'mps', LAB, 'template.cpp'), 'utf8'));

    await page.getByText('Datasets for local development').click();
    const file = page.locator('#dataset-files a').first();
    const download = await page.request.get(new URL((await file.getAttribute('href'))!, base).href);
    expect(download.status()).toBe(200);
    await page.context().close();
  });

  it('is usable at phone width', async () => {
    const page = await studentOnCode({ phone: true });
    await page.locator('#run-button').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'lab-page-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('shows hostile program and description text as text', async () => {
    const page = await studentOnCode();
    const hostile = `// ${XSS_PAYLOADS.join('\n// ')}\n`;
    expect((await page.request.post(`${base}/mp/${LAB}/save`, { data: { program: hostile } })).status()).toBe(200);
    await page.reload();
    await page.locator('.cm-content').waitFor();
    expect(await editorText(page)).toContain(XSS_PAYLOADS[0]);

    const submitted = await page.request.post(`${base}/mp/${LAB}/submit`, { data: { program: hostile, dataset: 0 } });
    const { attemptId } = await submitted.json();
    await platform.waitForRun(attemptId);
    await page.goto(`${base}/mp/${LAB}/attempt/${attemptId}`);
    await page.getByText('Program as submitted').click();
    expect(await page.locator('pre.program').innerText()).toContain(XSS_PAYLOADS[2]);

    await page.goto(`${base}/`);
    expect(await page.locator('main').innerText()).toContain(`${XSS_PAYLOADS[1]} lab`);
    await page.goto(`${base}/mp/${XSS_LAB}`);
    const description = await page.locator('.description').innerText();
    for (const payload of XSS_PAYLOADS) expect(description).toContain(payload);
    expect(await page.locator('.description a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator('.description code.hljs .hljs-keyword').count()).toBeGreaterThan(0);

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.context().close();
  });
});
