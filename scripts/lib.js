'use strict';
// Helpers shared by the project's own scripts (build, start, migrate, test). Plain Node, no
// dependencies, because they must work on a fresh clone before `npm ci` has run.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const APPS = ['gateway', 'grader', 'gpu-worker', 'notifier'];

/** Runs a command in the project root, echoing it; exits the script when it fails. */
function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.signal ?? `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'build' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function hasNvcc() {
  return spawnSync('nvcc', ['--version'], { stdio: 'ignore' }).status === 0;
}

const SYSTEM_PACKAGES_SCRIPT = join('scripts', 'install-system-packages.sh');

/**
 * The Debian packages the build and the tests need (the list is the install script's): missing
 * ones are installed when this runs as root or `sudo -n` works; otherwise the script stops with
 * the one command that installs them, before anything fails halfway with a missing header.
 * Off Debian (no dpkg) nothing can be checked: the build says what is missing, if anything.
 */
function ensureSystemPackages({ env = process.env, isRoot = process.getuid?.() === 0 } = {}) {
  if (spawnSync('dpkg', ['--version'], { stdio: 'ignore', env }).status !== 0) return;
  const check = spawnSync('bash', [SYSTEM_PACKAGES_SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8', env });
  if (check.status === 0) return;
  const missing = check.stdout.split('\n').filter(Boolean);
  console.log(`missing Debian packages: ${missing.join(' ')}`);
  if (isRoot) return run('bash', [SYSTEM_PACKAGES_SCRIPT], { env });
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', env }).status === 0) return run('sudo', ['-n', 'bash', SYSTEM_PACKAGES_SCRIPT], { env });
  console.error(`install them first (this needs root), then run this again:\n  sudo bash ${SYSTEM_PACKAGES_SCRIPT}`);
  process.exit(1);
}

/** Installs npm packages when node_modules is missing or older than the lock file. */
function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(join(ROOT, 'package-lock.json')).mtimeMs) {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

/** Path of an app's compiled entry point. */
function appEntry(app, file = 'main') {
  return join(ROOT, 'dist', 'apps', app, 'apps', app, 'src', `${file}.js`);
}

/** Builds the TypeScript apps when a source is newer than the last build, libwb and the client (make is incremental), and the labs' datasets where missing or stale. */
function ensureBuilt() {
  const stamp = join(ROOT, 'dist', '.build-stamp');
  const sources = Math.max(
    newestMtime(join(ROOT, 'apps')),
    newestMtime(join(ROOT, 'libs', 'common')),
    newestMtime(join(ROOT, 'libs', 'judge')),
    newestMtime(join(ROOT, 'tsconfig.json')),
    newestMtime(join(ROOT, 'package-lock.json')),
  );
  const outputs = [...APPS.map((a) => appEntry(a)), join(ROOT, 'dist', 'web', 'lab.js')];
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources || !outputs.every((p) => existsSync(p))) {
    run('node', [join('scripts', 'build.js')]);
  } else {
    run('make', ['-s', '-C', 'libs/libwb']);
    run('make', ['-s', '-C', 'libs/libwb/client']);
    run('make', ['-s', '-C', 'apps/gpu-worker/sandbox']);
    if (hasNvcc()) run('make', ['-s', '-C', 'libs/libwb', 'cuda']);
  }
  run('node', [join('scripts', 'mps-generate.js'), '--stale']);
}

module.exports = { ROOT, APPS, run, hasNvcc, ensureSystemPackages, ensureInstalled, ensureBuilt, appEntry };
