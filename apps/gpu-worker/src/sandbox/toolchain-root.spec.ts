import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolchainRoot } from './toolchain-root';

describe('toolchainRoot', () => {
  it('is null for a compiler under /usr (the box has /usr already)', () => {
    expect(toolchainRoot('sh', '/usr/bin:/bin')).toBeNull();
  });

  it('is the install folder of a compiler elsewhere', () => {
    const opt = mkdtempSync(join(tmpdir(), 'wb-toolkit-'));
    try {
      mkdirSync(join(opt, 'bin'));
      writeFileSync(join(opt, 'bin', 'nvcc'), '#!/bin/sh\n');
      chmodSync(join(opt, 'bin', 'nvcc'), 0o755);
      expect(toolchainRoot('nvcc', `/nonexistent:${join(opt, 'bin')}`)).toBe(opt);
    } finally {
      rmSync(opt, { recursive: true, force: true });
    }
  });

  it('is null when the compiler is not found', () => {
    expect(toolchainRoot('no-such-compiler', '/usr/bin')).toBeNull();
  });
});
