'use strict';
// `npm run build`: every app with the Nest CLI (tsc builder) and libwb with make.
const { spawn } = require('node:child_process');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, APPS, run, hasNvcc } = require('./lib');

/** Builds the apps two at a time (tsc is single-threaded); each app's output is printed when it is done. */
async function buildApps() {
  const queue = [...APPS];
  let failed = null;
  const builder = async () => {
    for (let app = queue.shift(); app && !failed; app = queue.shift()) {
      const { status, output } = await new Promise((resolve) => {
        const child = spawn(join('node_modules', '.bin', 'nest'), ['build', app], { cwd: ROOT });
        let text = '';
        for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (text += chunk));
        child.on('close', (code) => resolve({ status: code, output: text }));
      });
      console.log(`$ node_modules/.bin/nest build ${app}`);
      process.stdout.write(output);
      if (status !== 0) failed = app;
    }
  };
  await Promise.all([builder(), builder()]);
  if (failed) {
    console.error(`node_modules/.bin/nest build ${failed} failed`);
    process.exit(1);
  }
}
async function main() {
  await buildApps();
  // The gateway's browser bundles and stylesheet (served at /assets): npm packages, no CDN.
  run(join('node_modules', '.bin', 'esbuild'), [
    'apps/gateway/web/lab.ts',
    'apps/gateway/web/attempt.ts',
    'apps/gateway/web/theme.ts',
    'apps/gateway/web/whoami.ts',
    'apps/gateway/web/style.css',
    '--bundle',
    '--minify',
    '--sourcemap',
    '--target=es2020',
    '--outdir=dist/web',
    '--log-level=warning',
  ]);
  run('make', ['-s', '-C', 'libs/libwb']);
  run('make', ['-s', '-C', 'libs/libwb/client']);
  run('make', ['-s', '-C', 'apps/gpu-worker/sandbox']);
  // CUDA labs link against libwb's CUDA build; it only needs the CUDA headers, not a GPU.
  if (hasNvcc()) run('make', ['-s', '-C', 'libs/libwb', 'cuda']);
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(join(ROOT, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
}

void main();
