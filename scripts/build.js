'use strict';
// `npm run build`: every app with the Nest CLI (tsc builder) and libwb with make.
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, APPS, run } = require('./lib');

for (const app of APPS) run(join('node_modules', '.bin', 'nest'), ['build', app]);
run('make', ['-s', '-C', 'libs/libwb']);
mkdirSync(join(ROOT, 'dist'), { recursive: true });
writeFileSync(join(ROOT, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
