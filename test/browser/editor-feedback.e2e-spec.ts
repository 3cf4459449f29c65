import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ARTIFACTS, launchBrowser, openCode, signUp, TestBrowser } from './support/browser';

const LAB = 'vector-add-cpp';
const template = readFileSync(join(ROOT, 'mps', LAB, 'template.cpp'), 'utf8');
// The template with one undeclared name where the student writes the sum.
const broken = template.replace(/^ *\/\/@@ Set hostOutput\[i\].*$/m, '    hostOutput[i] = hostInput1[i] + hostInput3[i];');
const BROKEN_LINE = broken.split('\n').findIndex((l) => l.includes('hostInput3')) + 1;
const BROKEN_COLUMN = broken.split('\n')[BROKEN_LINE - 1].indexOf('hostInput3') + 1;
const MESSAGE = '‘hostInput3’ was not declared in this scope';

jest.setTimeout(120_000);

describe('the editor shows what the compiler said, and the pages follow the light or dark theme', () => {
  let platform: TestPlatform;
  let browser: TestBrowser;
  let base: string;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    base = platform.baseUrl;
  });

  afterAll(async () => {
    await platform?.stop();
    await browser?.close(); // last: it fails the file if the pages' policy refused anything
  });

  async function student(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.context({ colorScheme });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && console.error(`console: ${msg.text()}`));
    await signUp(page, base);
    return page;
  }

  /** Puts the broken program in the editor and runs it; resolves with the attempt's finished view. */
  async function runBroken(page: Page) {
    await openCode(page, base, LAB);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(broken);
    const [submitted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 202),
      page.locator('#run-button').click(),
    ]);
    const { attemptId } = await submitted.json();
    const detail = page.locator(`#current-attempt .attempt-detail[data-attempt="${attemptId}"]`);
    await detail.waitFor({ timeout: 30_000 });
    expect(await detail.getAttribute('data-status')).toBe('compile_error');
    return { attemptId, detail };
  }

  /** The editor's line (1-based) that holds the cursor: basicSetup marks its number in the gutter. */
  const cursorLine = async (page: Page) => Number(await page.locator('.cm-lineNumbers .cm-activeLineGutter').innerText());

  it('marks a compile error on its line, with the message on hover, until that line is edited', async () => {
    const page = await student();
    await runBroken(page);

    const line = page.locator('.cm-content .cm-line').nth(BROKEN_LINE - 1);
    const underline = line.locator('.cm-lintRange-error');
    await underline.waitFor();
    expect(await underline.innerText()).toBe('hostInput3');
    // One marker in the gutter, level with that line.
    const marker = page.locator('.cm-gutter-lint .cm-lint-marker-error');
    expect(await marker.count()).toBe(1);
    const [markerBox, lineBox] = await Promise.all([marker.boundingBox(), line.boundingBox()]);
    expect(Math.abs(markerBox!.y + markerBox!.height / 2 - (lineBox!.y + lineBox!.height / 2))).toBeLessThan(lineBox!.height / 2);

    await marker.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toContain(MESSAGE);
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
    await underline.hover();
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toContain(MESSAGE);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-compile-error.png') });

    // A line typed above moves the marker with its line; an edit of the line itself removes it.
    await page.locator('.cm-content .cm-line').first().click();
    await page.keyboard.press('Home');
    await page.keyboard.insertText('// a new first line\n');
    const moved = page.locator('.cm-content .cm-line').nth(BROKEN_LINE).locator('.cm-lintRange-error');
    expect(await moved.innerText()).toBe('hostInput3');
    await moved.click();
    await page.keyboard.insertText('x');
    await marker.waitFor({ state: 'detached' });
    expect(await page.locator('.cm-lintRange').count()).toBe(0);
    await page.context().close();
  });

  it('goes to the line and column when program.cpp:LINE:COLUMN in the output is clicked', async () => {
    const page = await student();
    const { detail } = await runBroken(page);
    const link = detail.locator('pre a.source-link', { hasText: `program.cpp:${BROKEN_LINE}:${BROKEN_COLUMN}` });
    expect(await link.getAttribute('href')).toBe(`/mp/${LAB}?line=${BROKEN_LINE}&column=${BROKEN_COLUMN}#code`);
    // Still the compiler's text: the link holds the place, the message follows it.
    expect(await detail.locator('pre.output').innerText()).toContain(`program.cpp:${BROKEN_LINE}:${BROKEN_COLUMN}: error: ${MESSAGE}`);

    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    expect(await cursorLine(page)).toBe(1);
    await link.click();
    expect(page.url()).toBe(`${base}/mp/${LAB}#code`); // the editor moved, the page stayed
    expect(await cursorLine(page)).toBe(BROKEN_LINE);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.keyboard.insertText('@'); // at the column: right before the undeclared name
    expect(
      await page
        .locator('.cm-content .cm-line')
        .nth(BROKEN_LINE - 1)
        .innerText(),
    ).toContain('hostInput1[i] + @hostInput3[i];');
    await page.context().close();
  });

  it('clears the markers when the program runs again', async () => {
    const page = await student();
    await runBroken(page);
    const marker = page.locator('.cm-gutter-lint .cm-lint-marker-error');
    await marker.waitFor();
    // Fixed on another line (the marked one is left as it is): the marker stays until the run.
    await page.locator('.cm-content .cm-line', { hasText: 'float *hostInput2 =' }).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText('\n  float *hostInput3 = hostInput2;');
    expect(await marker.count()).toBe(1);

    await page.locator('#run-button:enabled').waitFor({ timeout: 5000 });
    const [submitted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/submit') && r.status() === 202),
      page.locator('#run-button').click(),
    ]);
    const { attemptId } = await submitted.json();
    await page.locator(`#current-attempt .attempt-detail[data-attempt="${attemptId}"][data-status="passed"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator('.cm-gutter-lint .cm-lint-marker').count()).toBe(0);
    expect(await page.locator('.cm-lintRange').count()).toBe(0);
    await page.context().close();
  });

  it('links the attempt page to the lab page at the line, which the lab page honours', async () => {
    const page = await student();
    const { attemptId } = await runBroken(page);
    await page.goto(`${base}/mp/${LAB}/attempt/${attemptId}`);
    const link = page.locator('.attempt-detail pre a.source-link', { hasText: `program.cpp:${BROKEN_LINE}:${BROKEN_COLUMN}` });
    await Promise.all([page.waitForURL(`${base}/mp/${LAB}#code`), link.click()]);
    await page.locator('.cm-content').waitFor();
    await page.locator('.cm-lineNumbers .cm-activeLineGutter', { hasText: String(BROKEN_LINE) }).waitFor();
    expect(await cursorLine(page)).toBe(BROKEN_LINE);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.context().close();
  });

  describe('theme', () => {
    /** Records the theme the page had when its body began, i.e. before anything was painted. */
    async function watchFirstPaint(context: BrowserContext): Promise<void> {
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
    }
    const themeAtBody = (page: Page) => page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody);
    const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
    const background = (page: Page, selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);

    it('is dark when the browser prefers dark, from the first paint, editor included', async () => {
      const page = await student('dark');
      await watchFirstPaint(page.context());
      await runBroken(page);
      expect(await theme(page)).toBe('dark');
      expect(await themeAtBody(page)).toBe('dark');
      expect(await background(page, 'html')).toBe('rgb(13, 17, 23)');
      expect(await background(page, '.cm-editor')).toBe('rgb(13, 17, 23)');
      expect(await page.locator('#theme-choice').inputValue()).toBe('system');
      await page.locator('.cm-gutter-lint .cm-lint-marker-error').hover();
      await page.locator('.cm-tooltip-lint').waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'editor-compile-error-dark.png') });
      await page.goto(`${base}/`);
      expect(await themeAtBody(page)).toBe('dark');
      await page.screenshot({ path: join(ARTIFACTS, 'labs-dark.png') });
      await page.context().close();
    });

    it('follows the Theme menu over the browser, after a reload and on every page', async () => {
      const page = await student('dark');
      await watchFirstPaint(page.context());
      await openCode(page, base, LAB);
      await page.getByLabel('Theme').selectOption('light');
      expect(await theme(page)).toBe('light');
      expect(await background(page, '.cm-editor')).toBe('rgb(255, 255, 255)');

      await page.reload();
      await page.locator('.cm-content').waitFor();
      expect(await themeAtBody(page)).toBe('light');
      expect(await page.locator('#theme-choice').inputValue()).toBe('light');
      expect(await background(page, 'html')).toBe('rgb(255, 255, 255)');
      await page.goto(`${base}/grades`);
      expect(await themeAtBody(page)).toBe('light');

      await page.getByLabel('Theme').selectOption('system');
      expect(await theme(page)).toBe('dark');
      await page.context().close();

      const light = await student('light');
      await watchFirstPaint(light.context());
      expect(await theme(light)).toBe('light');
      await light.getByLabel('Theme').selectOption('dark');
      await light.reload();
      expect(await themeAtBody(light)).toBe('dark');
      expect(await background(light, 'html')).toBe('rgb(13, 17, 23)');
      await light.context().close();
    });
  });
});
