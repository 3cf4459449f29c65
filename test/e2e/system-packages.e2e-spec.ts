import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

/**
 * What `npm start`, `npm test` and `npm run bench` do first on a machine without the Debian
 * packages (scripts/lib.js ensureSystemPackages): install them as root or through `sudo -n`,
 * and otherwise stop at once with the one command to run. dpkg, apt-get and sudo are stand-ins
 * on PATH that say which package is missing and record what they were asked to do.
 */
describe('the Debian packages before npm start and npm test', () => {
  let bin: string;
  let calls: string;

  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'wb-system-packages-'));
    calls = join(bin, 'calls.log');
    writeFileSync(calls, '');
    const shim = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    // `dpkg -s <package>` fails for the packages named in MISSING_PACKAGES.
    shim('dpkg', `[ "$1" = "--version" ] && exit 0\nfor p in $MISSING_PACKAGES; do [ "$2" = "$p" ] && exit 1; done\nexit 0`);
    shim('apt-get', `echo "apt-get $*" >> ${calls}`);
  });

  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  function ensure(isRoot: boolean, env: NodeJS.ProcessEnv) {
    const code = `require(${JSON.stringify(join(ROOT, 'scripts', 'lib.js'))}).ensureSystemPackages({ isRoot: ${isRoot} })`;
    const result = spawnSync(process.execPath, ['-e', code], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, ...env },
    });
    return { status: result.status, out: result.stdout + result.stderr, calls: readFileSync(calls, 'utf8') };
  }

  it('does nothing when every package is there', () => {
    const result = ensure(false, { MISSING_PACKAGES: '' });
    expect(result).toEqual({ status: 0, out: '', calls: '' });
  });

  it('installs the missing ones as root, and only those', () => {
    const result = ensure(true, { MISSING_PACKAGES: 'libseccomp-dev pocl-opencl-icd' });
    expect(result.status).toBe(0);
    expect(result.out).toContain('missing Debian packages: libseccomp-dev pocl-opencl-icd');
    expect(result.calls.trim().split('\n')).toEqual([
      'apt-get update',
      'apt-get install -y --no-install-recommends libseccomp-dev pocl-opencl-icd',
    ]);
  });

  it('installs them through sudo -n when that works without a password', () => {
    writeFileSync(join(bin, 'sudo'), `#!/bin/bash\necho "sudo $*" >> ${calls}\n[ "$1" = "-n" ] && shift\nexec "$@"\n`);
    chmodSync(join(bin, 'sudo'), 0o755);
    const result = ensure(false, { MISSING_PACKAGES: 'chromium' });
    expect(result.status).toBe(0);
    expect(result.calls).toContain('sudo -n bash scripts/install-system-packages.sh');
    expect(result.calls).toContain('apt-get install -y --no-install-recommends chromium');
  });

  it('stops at once with the one command to run when it cannot install them', () => {
    writeFileSync(join(bin, 'sudo'), `#!/bin/bash\necho "sudo: a password is required" >&2\nexit 1\n`);
    chmodSync(join(bin, 'sudo'), 0o755);
    const result = ensure(false, { MISSING_PACKAGES: 'libcurl4-openssl-dev' });
    expect(result.status).toBe(1);
    expect(result.out).toContain('missing Debian packages: libcurl4-openssl-dev');
    expect(result.out).toContain('sudo bash scripts/install-system-packages.sh');
    expect(result.calls).toBe('');
  });

  /** `npm start` and `npm test` as package.json has npm run them, with `node` the one running these tests. */
  const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;

  it.each(['start', 'test'])(
    'npm %s, run by a user who is not root on a machine without sudo, stops at once with the one command to run',
    (script) => {
      const [command, ...args] = scripts[script].split(' ');
      expect(command).toBe('node');
      // PATH holds the stand-ins and bash alone: no sudo, whatever this machine has.
      symlinkSync('/bin/bash', join(bin, 'bash'));
      chmodSync(bin, 0o755);
      chmodSync(calls, 0o666);
      // Run as root (as CI is), the script runs as nobody; otherwise as this user, who is not root either.
      const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const result = spawnSync(process.execPath, args, {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: bin, HOME: bin, MISSING_PACKAGES: 'libcurl4-openssl-dev libseccomp-dev' },
        ...unprivileged,
      });
      expect(result.status).toBe(1);
      // Nothing before it (no npm ci, no build): the missing packages, then the command.
      expect((result.stdout + result.stderr).trim().split('\n')).toEqual([
        'missing Debian packages: libcurl4-openssl-dev libseccomp-dev',
        'install them first (this needs root), then run this again:',
        '  sudo bash scripts/install-system-packages.sh',
      ]);
      expect(readFileSync(calls, 'utf8')).toBe('');
    },
  );
});
