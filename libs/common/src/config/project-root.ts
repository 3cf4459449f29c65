import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root (where `nest-cli.json` is), found from this file so any cwd works. */
export function projectRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nest-cli.json')) && isWbPackage(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the wb project root above ${from}`);
    dir = parent;
  }
}

function isWbPackage(path: string): boolean {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).name === 'wb';
  } catch {
    return false;
  }
}
