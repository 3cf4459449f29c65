import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { APPS, CONFIG_VARS, isSecret } from './config-vars';

describe('loadConfig', () => {
  let root: string;
  const secrets = { WORKER_TOKEN: 'w'.repeat(32), SESSION_SECRET: 's'.repeat(32) };

  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'wb-config-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('works with no variables set, with defaults for this machine', () => {
    const config = loadConfig('gateway', {}, root);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/wb');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.GATEWAY_PORT).toBe(8080);
    expect(config.mpsPath).toBe(join(root, 'mps'));
    expect(config.cookieSecure).toBe(false);
  });

  it('generates local secrets once and shares them between processes', () => {
    const first = loadConfig('gateway', {}, root);
    const second = loadConfig('worker', {}, root);
    expect(first.WORKER_TOKEN.length).toBeGreaterThanOrEqual(32);
    expect(second.WORKER_TOKEN).toBe(first.WORKER_TOKEN);
    expect(JSON.parse(readFileSync(join(root, '.wb-secrets.json'), 'utf8'))).toEqual({
      WORKER_TOKEN: first.WORKER_TOKEN,
      SESSION_SECRET: first.SESSION_SECRET,
    });
  });

  it('converts numbers and names the variable that is wrong', () => {
    expect(loadConfig('gateway', { ...secrets, GATEWAY_PORT: '9000' }, root).GATEWAY_PORT).toBe(9000);
    expect(() => loadConfig('gateway', { ...secrets, GATEWAY_PORT: 'eighty' }, root)).toThrow(/GATEWAY_PORT="eighty"/);
    expect(() => loadConfig('grader', { ...secrets, DATABASE_URL: 'mysql://x' }, root)).toThrow(/DATABASE_URL=\(hidden\)/);
    expect(() => loadConfig('worker', { ...secrets, WORKER_TOOLCHAINS: 'cuda,fortran' }, root)).toThrow(/WORKER_TOOLCHAINS/);
  });

  it('runs one gateway process per core unless GATEWAY_PROCESSES says otherwise, from 1 to 64', () => {
    expect(loadConfig('gateway', secrets, root).GATEWAY_PROCESSES).toBe(Math.min(availableParallelism(), 64));
    expect(loadConfig('gateway', { ...secrets, GATEWAY_PROCESSES: '1' }, root).GATEWAY_PROCESSES).toBe(1);
    expect(loadConfig('gateway', { ...secrets, GATEWAY_PROCESSES: '64' }, root).GATEWAY_PROCESSES).toBe(64);
    expect(() => loadConfig('gateway', { ...secrets, GATEWAY_PROCESSES: '0' }, root)).toThrow(
      /GATEWAY_PROCESSES="0": GATEWAY_PROCESSES must not be less than 1/,
    );
    expect(() => loadConfig('gateway', { ...secrets, GATEWAY_PROCESSES: '65' }, root)).toThrow(
      /GATEWAY_PROCESSES="65": GATEWAY_PROCESSES must not be greater than 64/,
    );
    expect(() => loadConfig('gateway', { ...secrets, GATEWAY_PROCESSES: '1.5' }, root)).toThrow(/GATEWAY_PROCESSES="1.5"/);
    expect(() => loadConfig('gateway', { ...secrets, GATEWAY_PROCESSES: 'all' }, root)).toThrow(/GATEWAY_PROCESSES="all"/);
    // The gateway's alone: another app neither checks nor keeps it.
    expect(loadConfig('grader', { ...secrets, GATEWAY_PROCESSES: 'all' }, root).GATEWAY_PROCESSES).toBeUndefined();
  });

  it('refuses to start in production without real secrets, and does not print them', () => {
    expect(() => loadConfig('gateway', { NODE_ENV: 'production' }, root)).toThrow(ConfigError);
    expect(() => loadConfig('gateway', { NODE_ENV: 'production' }, root)).toThrow(
      /WORKER_TOKEN=\(hidden\)[^\n]*\n {2}SESSION_SECRET=\(hidden\)/,
    );
    const short = () => loadConfig('worker', { NODE_ENV: 'production', ...secrets, WORKER_TOKEN: 'hunter2' }, root);
    expect(short).toThrow(/WORKER_TOKEN=\(hidden\)/);
    expect(short).not.toThrow(/hunter2/);
    const shortSession = () => loadConfig('gateway', { NODE_ENV: 'production', ...secrets, SESSION_SECRET: 'hunter2' }, root);
    expect(shortSession).toThrow(/SESSION_SECRET=\(hidden\)/);
    expect(shortSession).not.toThrow(/hunter2/);
    const config = loadConfig('gateway', { NODE_ENV: 'production', ...secrets }, root);
    expect(config.cookieSecure).toBe(true);
  });

  it("gives each app its own slice: a worker host needs and holds none of the others' secrets", () => {
    const everything = {
      NODE_ENV: 'production',
      ...secrets,
      DATABASE_URL: 'postgres://wb:database-password@db:5432/wb',
      SMTP_URL: 'smtp://alerts:smtp-password@mail:587',
      LTI13_PRIVATE_KEY: 'private key',
    };
    const worker = loadConfig('worker', everything, root);
    expect(worker.WORKER_TOKEN).toBe(secrets.WORKER_TOKEN);
    for (const foreign of ['SESSION_SECRET', 'DATABASE_URL', 'SMTP_URL', 'LTI13_PRIVATE_KEY', 'GATEWAY_PORT'] as const) {
      expect({ foreign, value: worker[foreign] }).toEqual({ foreign, value: undefined });
    }
    // Started with only what it reads, in production.
    expect(loadConfig('worker', { NODE_ENV: 'production', WORKER_TOKEN: secrets.WORKER_TOKEN }, root).WORKER_NAME).toBeUndefined();
    expect(loadConfig('grader', { NODE_ENV: 'production' }, root).PASSBACK_MODE).toBe('none');
    // A bad value of another app's variable is not this app's concern.
    expect(loadConfig('worker', { ...everything, SESSION_SECRET: 'short', SMTP_FROM: 'not an address' }, root).WORKER_PORT).toBe(8090);
    expect(() => loadConfig('notifier', { ...everything, SMTP_FROM: 'not an address' }, root)).toThrow(/SMTP_FROM/);
    const notifier = loadConfig('notifier', everything, root);
    expect({ smtp: notifier.SMTP_URL, session: notifier.SESSION_SECRET }).toEqual({ smtp: everything.SMTP_URL, session: undefined });
  });

  it('marks every credential a secret, and every app has a slice', () => {
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'WORKER_TOKEN',
      'SESSION_SECRET',
      'ADMIN_PASSWORD',
      'OAUTH_CLIENT_SECRET',
      'SMTP_URL',
    ]) {
      expect({ name, secret: isSecret(name) }).toEqual({ name, secret: true });
    }
    expect(isSecret('GATEWAY_PORT')).toBe(false);
    expect(isSecret('toString')).toBe(false);
    for (const app of APPS) {
      const own = Object.values(CONFIG_VARS).filter((v) => v.apps !== 'all' && (v.apps as readonly string[]).includes(app));
      expect({ app, own: own.length > 0 }).toEqual({ app, own: true });
    }
  });
});
