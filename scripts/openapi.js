'use strict';
// `npm run openapi`: builds the gateway and the worker and writes their OpenAPI documents,
// docs/openapi.json and docs/openapi-worker.json, and docs/api.md rendered from them. The
// documents come from the built apps, since the @nestjs/swagger compiler plugin (nest-cli.json)
// describes the DTOs at build time; each app's `print-openapi` entry scans a preview of its
// module, so neither Postgres nor Redis is needed. `--check` builds and writes nothing: it fails,
// naming the file, when a checked-in file differs from what the built apps produce
// (test/e2e/openapi.e2e-spec.ts runs it).
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, appEntry, ensureInstalled, run } = require('./lib');
const { apiReference } = require('./openapi-reference');

const APPS = ['gateway', 'gpu-worker'];

/** The document as the app prints it; only PATH from this environment, so nothing local changes it. */
function documentOf(app) {
  return execFileSync(process.execPath, [appEntry(app, 'print-openapi')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Each file's text, by its path from the repository's root. */
function generate() {
  const gateway = documentOf('gateway');
  const worker = documentOf('gpu-worker');
  return {
    'docs/openapi.json': gateway,
    'docs/openapi-worker.json': worker,
    'docs/api.md': apiReference(JSON.parse(gateway), JSON.parse(worker)),
  };
}

if (process.argv.includes('--check')) {
  const stale = Object.entries(generate()).filter(([file, text]) => {
    const path = join(ROOT, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  for (const [file] of stale) console.error(`${file} is stale: run npm run openapi`);
  process.exit(stale.length ? 1 : 0);
}

ensureInstalled();
for (const app of APPS) {
  // A whole build, not an incremental one: tsc re-emits only changed files, so a DTO compiled
  // before the plugin was configured would keep its output without the plugin's metadata.
  rmSync(join(ROOT, 'dist', 'apps', app, 'tsconfig.tsbuildinfo'), { force: true });
  run(join('node_modules', '.bin', 'nest'), ['build', app]);
}
for (const [file, text] of Object.entries(generate())) {
  writeFileSync(join(ROOT, file), text);
  console.log(`wrote ${file}`);
}
