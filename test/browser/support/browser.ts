import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from '../../support/processes';

/** Debian's Chromium (scripts/install-system-packages.sh installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (its own cookies), like a new private window. */
  context: (options?: { phone?: boolean }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

/**
 * One headless Chromium per test file. Playwright gives every launch a fresh temporary profile
 * (its own user-data dir, removed on close), so nothing of anyone's own browser is involved.
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
  return {
    browser,
    context: (options = {}) =>
      browser.newContext(
        options.phone
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1280, height: 900 } },
      ),
    close: () => browser.close(),
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
