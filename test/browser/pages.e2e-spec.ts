import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { seedGradedProgram } from '../support/graded-programs';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { ARTIFACTS, launchBrowser, logIn, signUp, TestBrowser } from './support/browser';

const LAB = 'vector-add-cpp';

jest.setTimeout(90_000);

describe('the other pages in Chromium: accounts, labs list, grades, staff pages, errors', () => {
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

  it('says clearly why a login or signup failed', async () => {
    const page = await (await browser.context()).newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('nobody_here');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();

    const taken = await signUp(page, base);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${base}/login`);
    await page.goto(`${base}/signup`);
    await page.getByLabel('Username').fill(taken);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The answer is the form again, with the reason, so the student can pick another name at once.
    await page.getByRole('alert').filter({ hasText: 'is taken: choose another' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create account' }).isVisible()).toBe(true);

    // The browser itself refuses a name outside the server's rules, before any request.
    await page.goto(`${base}/signup`);
    await page.getByLabel('Username').fill('No Spaces!');
    expect(await page.getByLabel('Username').evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(false);
    await page.context().close();
  });

  it('lists the labs, shows "no grade yet", then a grade in detail', async () => {
    const page = await (await browser.context()).newPage();
    await signUp(page, base);
    expect(await page.locator('main').innerText()).toMatch(/Vector addition \(C\+\+\) C\+\+\s+—\s+not tried/);

    await page.getByRole('link', { name: 'Grades' }).click();
    expect(await page.locator('main').innerText()).toContain('No grade yet');
    const missing = await page.goto(`${base}/grade/${LAB}`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('main').innerText()).toContain('no grade yet');

    // The grader (issue #7) writes grades; this stands in for it.
    const { id: userId } = await (await page.request.get(`${base}/whoami`)).json();
    const submitted = await page.request.post(`${base}/mp/${LAB}/submit`, { data: { program: '// graded\n', dataset: -1 } });
    const { attemptId } = await submitted.json();
    const db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO grades (user_id, mp_id, attempt_id, score, max_score, items, late, graded_at)
         VALUES ($1, $2, $3, 85, 100, $4, false, now())`,
        [userId, LAB, attemptId, JSON.stringify([{ name: 'dataset 6', points: 15, earned: 0, message: '<b>mismatch</b> at index 3' }])],
      );
    } finally {
      await db.end();
    }
    await page.goto(`${base}/grades`);
    expect(await page.getByRole('link', { name: 'Vector addition (C++)' }).getAttribute('href')).toBe(`/grade/${LAB}`);
    await page.goto(`${base}/`);
    // The attempt's status depends on how far the worker got ("queued", "compile error"): any will do.
    expect(await page.locator('main').innerText()).toMatch(/Vector addition \(C\+\+\) C\+\+\t—\t[a-z ]+\t85 \/ 100/);
    await page.goto(`${base}/grade/${LAB}`);
    const detail = await page.locator('main').innerText();
    expect(detail).toContain('85 / 100');
    expect(detail).toContain('<b>mismatch</b> at index 3');
    const json = await (await page.request.get(`${base}/grade/${LAB}`)).json();
    expect(json).toMatchObject({ mpId: LAB, score: 85, maxScore: 100, late: false, passback: { state: 'none' } });
    await page.context().close();
  });

  it('shows the API key with the client setup command, and issues a new one', async () => {
    const page = await (await browser.context()).newPage();
    const username = await signUp(page, base);
    await page.getByRole('link', { name: `Signed in as ${username}: your account` }).click();
    const key = await page.locator('#api-key').innerText();
    expect(await page.locator('#client-setup').innerText()).toBe(`wb login --server ${base} --key ${key}`);
    // The page asks first; saying no keeps the key.
    const asked = page.waitForEvent('dialog');
    const clicked = page.getByRole('button', { name: /Issue a new key/ }).click();
    const question = await asked;
    expect(question.message()).toBe('Issue a new key? The current one stops working at once.');
    await question.dismiss();
    await clicked;
    await page.reload();
    expect(await page.locator('#api-key').innerText()).toBe(key);
    page.once('dialog', (dialog) => dialog.accept());
    await Promise.all([page.waitForResponse(`${base}/whoami/api_key`), page.getByRole('button', { name: /Issue a new key/ }).click()]);
    await page.waitForURL(`${base}/whoami`);
    expect(await page.locator('#api-key').innerText()).not.toBe(key);
    await page.context().close();
  });

  it('runs no script that did not come from the gateway, even one that got into a page', async () => {
    const page = await (await browser.context()).newPage();
    await signUp(page, base);
    const answer = await page.goto(`${base}/mp/${LAB}`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    // The page's own bundles ran (the editor is there) under that policy.
    await page.locator('.cm-content').waitFor();
    // Markup that slipped past the escaping, as a student's output or program text might carry it:
    // the browser refuses both, an event-handler attribute and an inline script.
    const refused = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const directives: string[] = [];
          document.addEventListener('securitypolicyviolation', (event) => {
            directives.push(event.effectiveDirective);
            if (directives.length === 2) resolve(directives.sort());
          });
          document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.injected = 1">');
          const script = document.createElement('script');
          script.textContent = 'window.injected = 2';
          document.body.append(script);
        }),
    );
    expect(refused).toEqual(['script-src-attr', 'script-src-elem']);
    expect(await page.evaluate(() => (window as { injected?: number }).injected)).toBeUndefined();
    // Chromium's console said so too; taken here, so that closing the browser does not count them as our pages' faults.
    const said: string[] = [];
    for (let tries = 0; said.length < 2 && tries < 100; tries++) {
      said.push(...browser.takeCspRefusals());
      if (said.length < 2) await page.waitForTimeout(50);
    }
    expect(said).toHaveLength(2);
    // No other site can frame the page to trick a click on its buttons.
    expect(answer?.headers()['x-frame-options']).toBe('DENY');
    await page.context().close();
  });

  it('moves between the lab tabs with the keyboard', async () => {
    // Tabs are the lab page's layout below 1200 px; wider, every section is in sight (test/browser/workspace).
    const page = await (await browser.context({ viewport: { width: 1024, height: 800 } })).newPage();
    await signUp(page, base);
    await page.goto(`${base}/mp/${LAB}`);
    await page.getByRole('tab', { name: 'Description' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Code' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#panel-code').isVisible()).toBe(true);
    expect(await page.locator('#panel-description').isVisible()).toBe(false);
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Grade' }).evaluate((tab) => tab === document.activeElement)).toBe(true);
    expect(await page.locator('#panel-grade').innerText()).toContain('No grade yet');
    expect(new URL(page.url()).hash).toBe('#grade');
    await page.context().close();
  });

  it('gives staff the workers and log pages, and others a 403', async () => {
    const page = await (await browser.context()).newPage();
    await signUp(page, base);
    expect((await page.goto(`${base}/admin/workers`))?.status()).toBe(403);
    await page.goto(`${base}/`);
    expect(await page.getByRole('link', { name: 'Workers' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(platform.env.ADMIN_PASSWORD!);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Workers' }).click();
    expect(await page.locator('main').innerText()).toMatch(/test-cpu-\S+\s+\w+\s+cpp/);
    await page.getByRole('link', { name: 'Log' }).click();
    // The gateway's own recent lines, its start included.
    expect(await page.locator('pre.log').innerText()).toMatch(/listening on http/);
    const json = await page.request.get(`${base}/log`, { headers: { accept: 'application/json' } });
    expect(json.status()).toBe(200);
    expect((await json.json()).lines.some((l: string) => /created the admin account/.test(l))).toBe(true);
    await page.context().close();
  });

  it('lets staff import an earlier term, run a similarity report and open a pair side by side', async () => {
    // Two students whose counting programs are the lab's solution and a renamed copy of it.
    const solution = readFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), 'utf8');
    const db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    try {
      for (const [username, program] of [
        ['sim-ada', solution],
        ['sim-bob', solution.replace(/\bi\b/g, 'idx').replace(/\n/g, '\n\n')],
      ]) {
        await seedGradedProgram(db, { username, mpId: LAB, program, score: 100, newUser: true });
      }
    } finally {
      await db.end();
    }
    const page = await (await browser.context()).newPage();
    await logIn(page, base, 'admin', platform.env.ADMIN_PASSWORD!);
    await page.getByRole('link', { name: 'Similarity' }).click();
    await page.getByRole('link', { name: 'Vector addition (C++)' }).click();

    await page.getByLabel('Term').fill('fa25');
    await page.getByLabel(/Programs, one file per student/).setInputFiles([
      { name: 'old-carol.cpp', mimeType: 'text/plain', buffer: Buffer.from(solution) },
      { name: 'old-dan.cpp', mimeType: 'text/plain', buffer: Buffer.from('int main() { return 0; }\n') },
    ]);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('rowheader', { name: 'fa25' }).waitFor();

    await page.getByRole('button', { name: /Compare every student's counting program now/ }).click();
    // The report's page reloads itself until the grader is done.
    await page.waitForFunction(() => /^done:/.test(document.getElementById('report-state')?.textContent ?? ''), undefined, {
      timeout: 60_000,
    });
    expect(await page.locator('#report-state').innerText()).toMatch(/^done: \d+ programs, \d+ pairs kept/); // the two here, with any other test's graded students
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.some((r) => /sim-ada/.test(r) && /sim-bob/.test(r))).toBe(true);
    expect(rows.some((r) => /old-carol \(earlier term\)/.test(r))).toBe(true);
    await page.getByRole('link', { name: 'side by side' }).first().click();
    expect(await page.locator('mark.shared').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('100.0% similar');
    await page.screenshot({ path: join(ARTIFACTS, 'similarity-pair.png'), fullPage: true });
    await page.context().close();
  });

  it('has 404 and 500 pages, and sends a logged-out visitor to the login page', async () => {
    const page = await (await browser.context({ phone: true })).newPage();
    expect((await page.goto(`${base}/no/such/page`))?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toContain('404');
    expect((await page.goto(`${base}/500`))?.status()).toBe(500);
    await page.goto(`${base}/mp/${LAB}`);
    expect(page.url()).toBe(`${base}/login?next=${encodeURIComponent(`/mp/${LAB}`)}`);
    await page.screenshot({ path: join(ARTIFACTS, 'login-phone.png') });
    await page.context().close();
  });
});
