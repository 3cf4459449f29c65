import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  let root: string;
  const secrets = { WORKER_TOKEN: 'w'.repeat(32), SESSION_SECRET: 's'.repeat(32) };

  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'wb-config-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('works with no variables set, with defaults for this machine', () => {
    const config = loadConfig({}, root);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/wb');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.GATEWAY_PORT).toBe(8080);
    expect(config.mpsPath).toBe(join(root, 'mps'));
    expect(config.cookieSecure).toBe(false);
  });

  it('generates local secrets once and shares them between processes', () => {
    const first = loadConfig({}, root);
    const second = loadConfig({}, root);
    expect(first.WORKER_TOKEN.length).toBeGreaterThanOrEqual(32);
    expect(second.WORKER_TOKEN).toBe(first.WORKER_TOKEN);
    expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(JSON.parse(readFileSync(join(root, '.wb-secrets.json'), 'utf8')).WORKER_TOKEN).toBe(first.WORKER_TOKEN);
  });

  it('converts numbers and names the variable that is wrong', () => {
    expect(loadConfig({ ...secrets, GATEWAY_PORT: '9000' }, root).GATEWAY_PORT).toBe(9000);
    expect(() => loadConfig({ ...secrets, GATEWAY_PORT: 'eighty' }, root)).toThrow(/GATEWAY_PORT="eighty"/);
    expect(() => loadConfig({ ...secrets, DATABASE_URL: 'mysql://x' }, root)).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...secrets, WORKER_TOOLCHAINS: 'cuda,fortran' }, root)).toThrow(/WORKER_TOOLCHAINS/);
  });

  it('refuses to start in production without real secrets, and does not print them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, root)).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' }, root)).toThrow(/WORKER_TOKEN/);
    const short = () => loadConfig({ NODE_ENV: 'production', ...secrets, WORKER_TOKEN: 'hunter2' }, root);
    expect(short).toThrow(/WORKER_TOKEN=\(hidden\)/);
    expect(short).not.toThrow(/hunter2/);
    const shortSession = () => loadConfig({ NODE_ENV: 'production', ...secrets, SESSION_SECRET: 'hunter2' }, root);
    expect(shortSession).toThrow(/SESSION_SECRET=\(hidden\)/);
    expect(shortSession).not.toThrow(/hunter2/);
    const config = loadConfig({ NODE_ENV: 'production', ...secrets }, root);
    expect(config.cookieSecure).toBe(true);
  });

  it('starts the apps other than the gateway without SESSION_SECRET: a worker host never holds it', () => {
    const worker = loadConfig({ NODE_ENV: 'production', WORKER_TOKEN: secrets.WORKER_TOKEN }, root);
    expect(worker.SESSION_SECRET).toBeUndefined();
  });
});
