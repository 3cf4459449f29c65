'use strict';
// `npm test`: every test. Builds what is missing, runs the C/C++ tests (libwb, the wb client), then jest (unit
// specs and the end-to-end tests), and ends with one line that sums them all up.
const { spawn, spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, ensureSystemPackages, ensureInstalled, ensureBuilt } = require('./lib');

ensureSystemPackages();
ensureInstalled();
ensureBuilt();

let passed = 0;
let failed = 0;

// ts-jest only transpiles; the tests' own types are checked here (the build checks the apps'),
// beside the C tests (each of the two uses one core); its output is printed once it is done.
console.log('$ tsc -p tsconfig.spec.json --noEmit  (beside the C tests)');
const typeCheck = new Promise((resolve) => {
  const tsc = spawn(process.execPath, [join('node_modules', '.bin', 'tsc'), '-p', 'tsconfig.spec.json', '--noEmit'], { cwd: ROOT });
  let output = '';
  for (const stream of [tsc.stdout, tsc.stderr]) stream.on('data', (chunk) => (output += chunk));
  tsc.on('close', (status) => resolve({ status, output }));
});

// The C test programs each end with "N passed, M failed" lines, summed here.
for (const dir of ['libs/libwb', 'libs/libwb/client']) {
  console.log(`$ make -C ${dir} test`);
  const make = spawnSync('make', ['-s', '-C', dir, 'test'], { cwd: ROOT, encoding: 'utf8' });
  process.stdout.write(make.stdout);
  process.stderr.write(make.stderr);
  let suiteFailed = 0;
  let reported = false;
  for (const [, p, f] of make.stdout.matchAll(/(\d+) passed, (\d+) failed/g)) {
    passed += Number(p);
    suiteFailed += Number(f);
    reported = true;
  }
  failed += suiteFailed;
  if (make.status !== 0 && !(reported && suiteFailed > 0)) failed += 1; // it broke before reporting
}

async function main() {
  const types = await typeCheck;
  process.stdout.write(types.output);
  console.log(`$ tsc -p tsconfig.spec.json --noEmit: ${types.status === 0 ? 'no type errors' : 'type errors above'}`);
  if (types.status !== 0) failed += 1;

  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const results = join(ROOT, 'dist', 'jest-results.json');
  const projects = ['--selectProjects', 'unit', 'e2e', 'labs'];
  // Two test files at a time: most of an end-to-end file's time is spent waiting (processes starting,
  // attempts queued, timers), so two overlap well even on two cores; each file has its own database,
  // Redis prefix, ports and sandbox uids. More would make the files' own processes fight for the CPU.
  const jestArgs = [
    join('node_modules', '.bin', 'jest'),
    ...projects,
    '--maxWorkers=2',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ];
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
}

void main();
