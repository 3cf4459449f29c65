import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { ROOT } from '../../support/processes';

/** Debian's Chromium (scripts/install-system-packages.sh installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

/** A context's options; `phone` is a 390 × 844 touch screen, otherwise a 1280 × 900 window unless a viewport is given. */
export type ContextOptions = BrowserContextOptions & { phone?: boolean };

export interface TestBrowser {
  /** A fresh context (its own cookies), like a new private window. */
  context: (options?: ContextOptions) => Promise<BrowserContext>;
  /**
   * What the pages' Content-Security-Policy refused so far (Chromium's console lines), cleared by
   * the call: for a test that provokes a refusal on purpose.
   */
  takeCspRefusals: () => string[];
  /**
   * Closes the browser; fails if the policy refused anything no test took (a page of ours broke
   * under it). Call it last in afterAll, after whatever else must be stopped.
   */
  close: () => Promise<void>;
}

/** How Chromium's console reports a refusal by the Content-Security-Policy. */
const CSP_REFUSAL = /Content Security Policy/;

/**
 * One headless Chromium per test file. Playwright gives every launch a fresh temporary profile
 * (its own user-data dir, removed on close), so nothing of anyone's own browser is involved.
 * Every context it makes is watched for refusals by the pages' Content-Security-Policy: a script,
 * style or image of our own pages that the policy blocks fails the test file.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const refusals: string[] = [];
  return {
    context: async ({ phone, ...options } = {}) => {
      const context = await browser.newContext(
        phone
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...options }
          : { viewport: { width: 1280, height: 900 }, ...options },
      );
      context.on('console', (message) => {
        if (CSP_REFUSAL.test(message.text())) refusals.push(`${message.page()?.url() ?? '(no page)'}: ${message.text()}`);
      });
      return context;
    },
    takeCspRefusals: () => refusals.splice(0),
    close: async () => {
      await browser.close();
      if (refusals.length > 0) throw new Error(`the Content-Security-Policy refused parts of our pages:\n${refusals.join('\n')}`);
    },
  };
}

let users = 0;

/** Signs up through the page, as a student would; returns the username. */
export async function signUp(page: Page, baseUrl: string): Promise<string> {
  const username = `s${process.pid}_${++users}`;
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return username;
}

/** Signs in through the login page (signUp's password unless another is given) and waits for the labs list. */
export async function logIn(page: Page, baseUrl: string, username: string, password = 'correct horse battery'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** The editor's text as shown (the programs here are short enough that CodeMirror renders every line). */
export function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content').innerText();
}

/** Types at the end of the program, the way a student would. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

/** Opens a lab on its Code tab and waits until the editor holds the saved program. */
export async function openCode(page: Page, baseUrl: string, lab: string): Promise<void> {
  await page.goto(`${baseUrl}/mp/${lab}#code`);
  await page.locator('.cm-content').waitFor();
}
