'use strict';
// `npm run bench`: the benchmarks under test/bench, which print figures side by side.
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, ensureSystemPackages, ensureInstalled, ensureBuilt } = require('./lib');

ensureSystemPackages();
ensureInstalled();
ensureBuilt();
const jest = join('node_modules', '.bin', 'jest');
const result = spawnSync(process.execPath, [jest, '--selectProjects', 'bench', '--runInBand', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
