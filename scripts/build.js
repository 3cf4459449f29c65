'use strict';
// `npm run build`: every app with the Nest CLI (tsc builder) and libwb with make.
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, APPS, run, hasNvcc } = require('./lib');

for (const app of APPS) run(join('node_modules', '.bin', 'nest'), ['build', app]);
// The gateway's browser bundles and stylesheet (served at /assets): npm packages, no CDN.
run(join('node_modules', '.bin', 'esbuild'), ['apps/gateway/web/lab.ts', 'apps/gateway/web/attempt.ts', 'apps/gateway/web/theme.ts', 'apps/gateway/web/whoami.ts', 'apps/gateway/web/style.css', '--bundle', '--minify', '--sourcemap', '--target=es2020', '--outdir=dist/web', '--log-level=warning']);
run('make', ['-s', '-C', 'libs/libwb']);
run('make', ['-s', '-C', 'libs/libwb/client']);
run('make', ['-s', '-C', 'apps/gpu-worker/sandbox']);
// CUDA labs link against libwb's CUDA build; it only needs the CUDA headers, not a GPU.
if (hasNvcc()) run('make', ['-s', '-C', 'libs/libwb', 'cuda']);
mkdirSync(join(ROOT, 'dist'), { recursive: true });
writeFileSync(join(ROOT, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
