import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ARTIFACTS, editorText, launchBrowser, openCode, signUp, TestBrowser } from './support/browser';

const LAB = 'vector-add-cpp';
const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
const LAPTOP = { width: 1366, height: 768 };

jest.setTimeout(120_000);

describe('the lab page as a workspace in Chromium: panes, run status, shortcuts', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let base: string;

  beforeAll(async () => {
    // A submission interval other than the default: the page's hold and its words follow the server's.
    [platform, browser] = await Promise.all([startPlatform({ SUBMIT_INTERVAL_MS: '4000' }), launchBrowser()]);
    base = platform.baseUrl;
  });

  afterAll(async () => {
    await platform?.stop();
    await browser?.close(); // last: it fails the file if the pages' policy refused anything
  });

  /** A signed-up student in a window of this size, on the lab's Code tab. */
  async function student(options: BrowserContextOptions = { viewport: LAPTOP }): Promise<Page> {
    const page = await (await browser.context(options)).newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && console.error(`console: ${msg.text()}`));
    await signUp(page, base);
    await openCode(page, base, LAB);
    return page;
  }

  async function replaceProgram(page: Page, text: string): Promise<void> {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  }

  /** The element's whole box is inside the window as it is (nothing scrolled into view for it). */
  async function expectInViewport(page: Page, locator: Locator): Promise<void> {
    const box = (await locator.boundingBox())!;
    const view = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    expect(box.y + box.height).toBeLessThanOrEqual(view.height);
  }

  const widthOf = async (locator: Locator) => (await locator.boundingBox())!.width;
  const runReady = (page: Page) => page.locator('#run-button:not([aria-disabled="true"])').waitFor({ timeout: 5000 });

  it('shows the result beside the editor without scrolling after Run at 1366×768, and moves the focus to it', async () => {
    const page = await student();
    await replaceProgram(page, solution);
    await page.selectOption('#dataset', '0');
    const [submitted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 202),
      page.getByRole('button', { name: 'Run' }).click(),
    ]);
    const { attemptId } = await submitted.json();
    // The limiter's wait is a state of the button, not a number that reads like a run time.
    expect(await page.locator('#run-button').innerText()).toBe('Run');
    expect(await page.locator('#run-button').getAttribute('title')).toBe('One run every 4 seconds');

    const result = page.locator(`#current-attempt .attempt-detail[data-attempt="${attemptId}"]`);
    await result.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.id === 'result-heading');
    expect(await page.locator('#result-heading').innerText()).toBe('Latest run: passed 1/1');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectInViewport(page, page.locator('#result-heading'));
    await expectInViewport(page, result.locator('.attempt-summary'));
    // Description, editor and results side by side, in that order, all in sight.
    const [description, code, results] = await Promise.all(
      ['#panel-description', '#panel-code', '#results-pane'].map(async (s) => (await page.locator(s).boundingBox())!),
    );
    expect(description.x + description.width).toBeLessThanOrEqual(code.x);
    expect(code.x + code.width).toBeLessThanOrEqual(results.x);
    await expectInViewport(page, page.locator('.cm-editor'));
    expect(await page.getByRole('tab', { name: 'Code' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-result-1366x768.png') });
    await page.context().close();
  });

  it('runs the selected dataset with Ctrl-Enter and every dataset with Ctrl-Shift-Enter, from inside the editor', async () => {
    const page = await student();
    await replaceProgram(page, solution);
    await page.selectOption('#dataset', '1');
    const text = await editorText(page);
    const submits: number[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/submit') && submits.push(r.postDataJSON().dataset));

    const runWith = async (keys: string) => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 202),
        page.keyboard.press(keys),
      ]);
      const { attemptId } = await response.json();
      await page.locator(`#attempts-table tbody tr[data-attempt="${attemptId}"]`).waitFor();
    };
    await runWith('Control+Enter');
    expect(submits).toEqual([1]);
    expect(await editorText(page)).toBe(text); // the editor did not take the key for a new line

    // Within the limiter's wait the key submits nothing, and says why.
    await page.keyboard.press('Control+Enter');
    await page.locator('#run-state', { hasText: 'One run every 4 seconds' }).waitFor();
    expect(submits).toEqual([1]);

    await runReady(page);
    await page.locator('.cm-content').focus();
    await runWith('Control+Shift+Enter');
    expect(submits).toEqual([1, -1]);
    expect(await editorText(page)).toBe(text);

    await page.getByText('Shortcuts', { exact: true }).click();
    const list = page.locator('.shortcut-list');
    expect(await list.innerText()).toMatch(/Ctrl\s*\+\s*Enter run the selected dataset/);
    expect(await list.innerText()).toMatch(/Ctrl\s*\+\s*Shift\s*\+\s*Enter run all datasets/);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-shortcuts.png') });
    await page.context().close();
  });

  it('resizes the panes by keyboard and by dragging, and keeps their sizes per lab across a reload', async () => {
    const page = await student();
    const descriptionHandle = page.getByRole('separator', { name: 'Resize the description' });
    const resultsHandle = page.getByRole('separator', { name: 'Resize the results' });
    const description = page.locator('#panel-description');
    const results = page.locator('#results-pane');
    expect(await descriptionHandle.getAttribute('aria-valuenow')).toBe('28');
    expect(await resultsHandle.getAttribute('aria-valuenow')).toBe('30');
    const narrowDescription = await widthOf(description);

    await descriptionHandle.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await descriptionHandle.getAttribute('aria-valuenow')).toBe('34');
    expect(await widthOf(description)).toBeGreaterThan(narrowDescription + 50);

    // Dragging the results' handle a twentieth of the window to the left widens them by about that.
    const handleBox = (await resultsHandle.boundingBox())!;
    const y = handleBox.y + handleBox.height / 2;
    await page.mouse.move(handleBox.x + handleBox.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(handleBox.x + handleBox.width / 2 - LAPTOP.width / 20, y, { steps: 5 });
    await page.mouse.up();
    const draggedTo = Number(await resultsHandle.getAttribute('aria-valuenow'));
    expect(draggedTo).toBeGreaterThanOrEqual(34);
    expect(draggedTo).toBeLessThanOrEqual(36);

    const sizes = async () => ({
      description: await descriptionHandle.getAttribute('aria-valuenow'),
      results: await resultsHandle.getAttribute('aria-valuenow'),
      widths: await Promise.all([description, page.locator('#panel-code'), results].map((l) => widthOf(l).then(Math.round))),
    });
    const before = await sizes();
    await page.reload();
    await page.locator('.cm-content').waitFor();
    expect(await sizes()).toEqual(before);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-resized.png') });

    // Another lab has its own sizes.
    await page.goto(`${base}/mp/vector-add`);
    expect(await page.getByRole('separator', { name: 'Resize the description' }).getAttribute('aria-valuenow')).toBe('28');
    await page.context().close();
  });

  it('keeps tabs below 1200 px, remembers the last one, and turns into the workspace when the window widens', async () => {
    const page = await student({ viewport: { width: 1024, height: 800 } });
    await page.getByRole('tab', { name: 'Attempts' }).click();
    await page.goto(`${base}/mp/${LAB}`); // no tab in the URL: the remembered one
    await page.locator('#attempts-table').waitFor();
    expect(await page.getByRole('tab', { name: 'Attempts' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#panel-code').isVisible()).toBe(false);
    expect(await page.getByRole('separator').count()).toBe(0); // no visible handles between tabs
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-tabs-1024.png') });

    await page.setViewportSize(LAPTOP);
    for (const panel of ['#panel-description', '#panel-code', '#panel-attempts', '#panel-grade', '#current-attempt'])
      await page.locator(panel).waitFor();
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    expect(await page.getByRole('separator').count()).toBe(2);
    await page.context().close();
  });

  it('shows each state of the run in the chip beside Run: its place in the queue, compiling, running, the verdict', async () => {
    const page = await student();
    // The stream as the server sends it (one `status` event per change), with a queue place,
    // scripted so that every state is seen however fast the worker is.
    const event = (status: string, more: object = {}) =>
      `event: status\ndata: ${JSON.stringify({ id: 'x', status, dataset: -1, createdAt: new Date().toISOString(), results: [], compilerOutput: '', output: '', ...more })}\n\n`;
    const verdicts = [true, false, true, false, false, false].map((passed) => ({ passed, message: passed ? '' : 'mismatch' }));
    await page.route(/\/attempt\/[^/]+\/events$/, (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: [
          event('queued', { queue: { position: 3, estimateMs: 19_400 } }),
          event('compiling'),
          event('running'),
          event('failed', { results: verdicts }),
        ].join(''),
      }),
    );
    await page.locator('#run-chip').evaluate((chip) => {
      const seen: string[] = [];
      (window as unknown as { chipTexts: string[] }).chipTexts = seen;
      new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => seen.push(n.textContent ?? '')))).observe(chip, {
        childList: true,
      });
    });
    await page.selectOption('#dataset', '-1');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('#run-chip[data-tone="bad"]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { chipTexts: string[] }).chipTexts)).toEqual([
      'queued',
      'queued · 3rd in line · about 20 s',
      'compiling',
      'running all datasets',
      'failed · 2/6 passed',
    ]);
    expect(await page.locator('#run-chip').getAttribute('role')).toBe('status');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-chip.png') });
    await page.context().close();
  });

  it('shows which dataset of all a real run is on, in the chip and in the attempt’s own view', async () => {
    const page = await student();
    // The reference solution, slowed a little on each dataset so that each one is seen running.
    const slowed = solution
      .replace('int main(', 'extern "C" int usleep(unsigned int usec);\n\nint main(')
      .replace('  wbSolution(args,', '  usleep(300000);\n  wbSolution(args,');
    expect(slowed).toContain('usleep(300000);');
    await replaceProgram(page, slowed);
    // Every text the chip and the attempt's badge show, as they change (not sampled in time).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { runTexts: string[] }).runTexts = seen;
      const record = (selector: string) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        if (text.startsWith('running') && seen.at(-1) !== `${selector} ${text}`) seen.push(`${selector} ${text}`);
      };
      new MutationObserver(() => ['#run-chip', '#attempt-status'].forEach(record)).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await page.selectOption('#dataset', '-1');
    await runReady(page);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('#run-chip[data-tone="ok"]', { hasText: 'passed 6/6' }).waitFor({ timeout: 60_000 });
    const texts = await page.evaluate(() => (window as unknown as { runTexts: string[] }).runTexts);
    const steps = (selector: string) =>
      texts.filter((t) => t.startsWith(`${selector} running dataset `)).map((t) => t.slice(`${selector} running dataset `.length));
    // The six public datasets, counted in order as the worker starts them; most show in between.
    for (const selector of ['#run-chip', '#attempt-status']) {
      const seen = steps(selector);
      seen.forEach((s) => expect(s).toMatch(/^[1-6]\/6$/));
      const numbers = seen.map((s) => Number(s.split('/')[0]));
      expect(numbers.length).toBeGreaterThanOrEqual(2);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
    await page.context().close();
  });

  it('shows a real compile error in the chip and the result heading', async () => {
    const page = await student();
    await replaceProgram(page, 'int main( {\n');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('#run-chip', { hasText: /^compile error$/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#run-chip').getAttribute('data-tone')).toBe('bad');
    await page.locator('#result-heading', { hasText: 'Latest run: compile error' }).waitFor();
    await page.context().close();
  });

  it('fits a phone: no sideways scrolling, and Run in sight without scrolling past the editor', async () => {
    const page = await student({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const overflow = () => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectInViewport(page, page.locator('#run-button'));
    await page.getByText('Shortcuts', { exact: true }).click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-phone-375.png'), fullPage: true });
    await page.context().close();
  });

  it('shows every section without JavaScript, side by side on a wide screen', async () => {
    const page = await student();
    const cookies = await page.context().cookies();
    for (const viewport of [LAPTOP, { width: 375, height: 667 }]) {
      const context = await browser.context({ viewport, javaScriptEnabled: false });
      await context.addCookies(cookies);
      const plain = await context.newPage();
      await plain.goto(`${base}/mp/${LAB}`);
      for (const panel of ['#panel-description', '#panel-code', '#panel-attempts', '#panel-grade', '#program', '#run-button'])
        expect(await plain.locator(panel).isVisible()).toBe(true);
      expect(await plain.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await context.close();
    }
    await page.context().close();
  });
});
