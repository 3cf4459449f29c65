import { randomBytes } from 'node:crypto';
import { startPlatform, TestPlatform } from '../support/platform';

jest.setTimeout(120_000);

/**
 * Signup and login limits per client address, as the gateway sees the address behind a trusted
 * proxy (TRUST_PROXY, loopback by default: X-Forwarded-For from 127.0.0.1 names the client).
 */
describe('signup and login throttles', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ SIGNUP_MAX_PER_ADDRESS: '20', LOGIN_MAX_FAILURES: '3' }, { grader: false, worker: false });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const from = (address: string) => platform.client().withHeaders({ 'x-forwarded-for': address });
  const name = () => `t${randomBytes(6).toString('hex')}`;

  it('throttles 30 signups from one address in a minute, and not another address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await from('10.1.0.1').post('/signup', { user: name(), pass: 'correct horse battery' })).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    const refused = await from('10.1.0.1').post('/signup', { user: name(), pass: 'correct horse battery' });
    expect(refused.body.error).toMatch(/too many signups from this address; try again in \d+ s/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('10.1.0.2').post('/signup', { user: name(), pass: 'correct horse battery' })).status).toBe(201);
  });

  it('locks an account only for the address that guessed wrong: its owner still logs in from elsewhere', async () => {
    const user = name();
    expect((await from('10.2.0.1').post('/signup', { user, pass: 'the right password' })).status).toBe(201);
    const attacker = from('10.2.0.66');
    for (let i = 0; i < 3; i++) expect((await attacker.post('/login', { user, pass: `guess ${i}` })).status).toBe(401);
    // Past the limit the attacker's address is refused even the right password: no more guessing from there.
    expect((await attacker.post('/login', { user, pass: 'the right password' })).status).toBe(429);
    expect((await from('10.2.0.1').post('/login', { user, pass: 'the right password' })).status).toBe(200);
  });
});
