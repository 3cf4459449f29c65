import { HttpClient } from '../support/http-client';
import { startOAuthProvider, TestOAuthProvider } from '../support/oauth2-provider';
import { startPlatform, TestPlatform } from '../support/platform';

jest.setTimeout(120_000);

/** OAuth2 login end to end: the gateway as a process against oauth2-mock-server. */
describe('OAuth2 login', () => {
  let provider: TestOAuthProvider;
  let platform: TestPlatform;

  beforeAll(async () => {
    provider = await startOAuthProvider();
    platform = await startPlatform(
      {
        OAUTH_AUTHORIZATION_URL: `${provider.issuer}/authorize`,
        OAUTH_TOKEN_URL: `${provider.issuer}/token`,
        OAUTH_USERINFO_URL: `${provider.issuer}/userinfo`,
        OAUTH_CLIENT_ID: 'wb-course',
        OAUTH_CLIENT_SECRET: 'wb-course-secret',
      },
      { grader: false },
    );
  });

  afterAll(async () => {
    await platform?.stop();
    await provider?.stop();
  });

  /** Follows the redirects a browser would, up to the gateway's callback; returns the callback's path. */
  async function toCallback(client: HttpClient, origin: string): Promise<string> {
    const start = await client.get(`/oauth_login?origin=${encodeURIComponent(origin)}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe('wb-course');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${platform.baseUrl}/oauth_login/callback`);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const back = await fetch(authorize, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(callback.searchParams.get('code')).toBeTruthy();
    return `${callback.pathname}${callback.search}`;
  }

  it('creates the user on the first login, logs them in and returns to the origin page', async () => {
    await provider.setUser({ sub: 'student-0001', preferred_username: 'Ada.Lovelace' });
    const browser = platform.client();
    const done = await browser.get(await toCallback(browser, '/grades'));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/grades');
    expect(done.headers.get('set-cookie')).toMatch(/wb_session=.*HttpOnly/i);
    const me = await browser.get('/whoami');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'ada.lovelace', role: 'student' });
    expect(me.body.apiKey).toMatch(/^wb_/);

    // The same subject again is the same user, whatever the provider now calls them.
    await provider.setUser({ sub: 'student-0001', preferred_username: 'someone-else' });
    const again = platform.client();
    expect((await again.get(await toCallback(again, '/'))).status).toBe(302);
    expect((await again.get('/whoami')).body.id).toBe(me.body.id);
  });

  it('gives a taken username a suffix rather than merging two people', async () => {
    await provider.setUser({ sub: 'student-0002', preferred_username: 'ada.lovelace' });
    const browser = platform.client();
    await browser.get(await toCallback(browser, '/'));
    expect((await browser.get('/whoami')).body.username).toMatch(/^ada\.lovelace-[0-9a-f]{6}$/);
  });

  it('refuses a login completed in another browser than the one that started it (login CSRF)', async () => {
    await provider.setUser({ sub: 'attacker-0001', preferred_username: 'mallory' });
    // The attacker starts a login in their own browser and sends the callback link to a student.
    const attacker = platform.client();
    const link = await toCallback(attacker, '/');
    const student = platform.client();
    const res = await student.get(link);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/started in another browser/);
    expect((await student.get('/whoami')).status).toBe(401);
  });

  it('refuses a forged, missing or replayed state with 400', async () => {
    await provider.setUser({ sub: 'student-0003' });
    const browser = platform.client();
    const path = await toCallback(browser, '/');
    const forged = path.replace(/state=[^&]+/, `state=${'A'.repeat(32)}`);
    expect(forged).not.toBe(path);
    const res = await browser.get(forged);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/bad state/);
    expect((await browser.get(path.replace(/&?state=[^&]+/, ''))).status).toBe(400);
    expect((await browser.get('/whoami')).status).toBe(401); // none of these logged anyone in
    expect((await browser.get(path)).status).toBe(302); // the genuine one still works once
    expect((await browser.get(path)).status).toBe(400); // and only once
  });

  it('ignores an origin that is not a local path', async () => {
    for (const origin of ['https://evil.example/phish', '//evil.example/x', '/\\evil.example']) {
      await provider.setUser({ sub: 'student-0004' });
      const browser = platform.client();
      const done = await browser.get(await toCallback(browser, origin));
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe('/');
    }
  });
});
