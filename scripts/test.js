'use strict';
// `npm test`: every test. Builds what is missing, runs libwb's C++ tests, then jest (unit
// specs and the end-to-end tests), and ends with one line that sums them all up.
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, ensureInstalled, ensureBuilt } = require('./lib');

ensureInstalled();
ensureBuilt();

let passed = 0;
let failed = 0;

console.log('$ make -C libs/libwb test');
const libwb = spawnSync('make', ['-s', '-C', 'libs/libwb', 'test'], { cwd: ROOT, encoding: 'utf8' });
process.stdout.write(libwb.stdout);
process.stderr.write(libwb.stderr);
const counts = /(\d+) passed, (\d+) failed/.exec(libwb.stdout);
if (counts) {
  passed += Number(counts[1]);
  failed += Number(counts[2]);
}
if (libwb.status !== 0 && !(counts && Number(counts[2]) > 0)) failed += 1; // it broke before reporting

mkdirSync(join(ROOT, 'dist'), { recursive: true });
const results = join(ROOT, 'dist', 'jest-results.json');
const jestArgs = [join('node_modules', '.bin', 'jest'), '--runInBand', '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
console.log(`$ ${jestArgs.join(' ')}`);
const jest = spawnSync(process.execPath, jestArgs, { cwd: ROOT, stdio: 'inherit' });
try {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
} catch {
  failed += 1;
}
if (jest.status !== 0 && failed === 0) failed += 1;

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
