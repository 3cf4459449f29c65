import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppName, CONFIG_VARS, ConfigVar, readBy } from './config-vars';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SOURCES: Record<AppName, string> = {
  gateway: 'apps/gateway/src',
  worker: 'apps/gpu-worker/src',
  grader: 'apps/grader/src',
  notifier: 'apps/notifier/src',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every `config.SOME_VARIABLE` an app's own code reads. */
function variablesRead(dir: string): Set<string> {
  const read = new Set<string>();
  for (const file of sourceFiles(join(ROOT, dir))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bconfig\.([A-Z][A-Z0-9_]+)\b/g)) read.add(match[1]);
  }
  return read;
}

describe('the configuration slices', () => {
  it.each(Object.entries(SOURCES))('%s reads only variables of its own slice', (app, dir) => {
    const read = [...variablesRead(dir)];
    expect(read.length).toBeGreaterThan(0);
    const outside = read.filter((v) => !Object.hasOwn(CONFIG_VARS, v) || !readBy(v as ConfigVar, app as AppName));
    expect(outside).toEqual([]);
  });
});
