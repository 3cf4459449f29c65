import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  WORKER_TOKEN: string;
  SESSION_SECRET: string;
}

/**
 * Outside production there are still no default credentials: the first start generates the
 * secrets into a git-ignored file that every local process then shares. `wx` makes the first
 * writer win when several apps start at once.
 */
export function localSecrets(rootDir: string): LocalSecrets {
  const path = join(rootDir, '.wb-secrets.json');
  const fresh: LocalSecrets = {
    WORKER_TOKEN: randomBytes(32).toString('base64url'),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
  };
  try {
    writeFileSync(path, JSON.stringify(fresh, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as LocalSecrets;
}
