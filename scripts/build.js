'use strict';
// `npm run build`: every app with the Nest CLI (tsc builder) and libwb with make.
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, APPS, run, hasNvcc } = require('./lib');

for (const app of APPS) run(join('node_modules', '.bin', 'nest'), ['build', app]);
run('make', ['-s', '-C', 'libs/libwb']);
run('make', ['-s', '-C', 'libs/libwb/client']);
run('make', ['-s', '-C', 'apps/gpu-worker/sandbox']);
// CUDA labs link against libwb's CUDA build; it only needs the CUDA headers, not a GPU.
if (hasNvcc()) run('make', ['-s', '-C', 'libs/libwb', 'cuda']);
mkdirSync(join(ROOT, 'dist'), { recursive: true });
writeFileSync(join(ROOT, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
