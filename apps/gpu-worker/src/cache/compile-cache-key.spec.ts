import { Logger } from '@nestjs/common';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompileCache, CompileKeyInput } from './compile-cache';
import { assertCompileCacheKey, compileCacheKey, CompileKeyParts } from './compile-cache-key';
import { CompileCacheOptions } from './compile-cache-options';
import { CompilerVersions } from './compiler-versions';
import { FileDigests } from './file-digests';

const parts: CompileKeyParts = {
  source: 'int main() { return 0; }\n',
  toolchain: 'cpp',
  compilerVersion: 'g++ (Debian 12.2.0-14) 12.2.0',
  command: 'g++',
  args: ['-O2', '-std=c++17', '-I/opt/libwb/include', 'program.cpp', '-o', 'program', '/opt/libwb/build/libwb.a', '-lm'],
  inputsDigest: 'd'.repeat(64),
};

describe('compileCacheKey', () => {
  it('is a sha256 in hex, the same for the same parts', () => {
    const key = compileCacheKey(parts);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(compileCacheKey({ ...parts, args: [...parts.args] })).toBe(key);
  });

  it.each<[string, Partial<CompileKeyParts>]>([
    ['source', { source: 'int main() { return 1; }\n' }],
    ['toolchain', { toolchain: 'opencl' }],
    ['compiler version', { compilerVersion: 'g++ (Debian 13.1.0) 13.1.0' }],
    ['command', { command: 'clang++' }],
    ['flags', { args: ['-O3', ...parts.args.slice(1)] }],
    ['libwb', { inputsDigest: 'e'.repeat(64) }],
  ])('changes with the %s', (_, change) => {
    expect(compileCacheKey({ ...parts, ...change })).not.toBe(compileCacheKey(parts));
  });

  it('does not confuse where one flag ends and the next begins', () => {
    expect(compileCacheKey({ ...parts, args: ['-DA', 'B'] })).not.toBe(compileCacheKey({ ...parts, args: ['-DA B'] }));
  });

  it('accepts only its own keys as keys', () => {
    expect(() => assertCompileCacheKey(compileCacheKey(parts))).not.toThrow();
    for (const bad of ['', '../x', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(64)}/..`])
      expect(() => assertCompileCacheKey(bad)).toThrow(TypeError);
  });
});

describe('CompileCache.keyFor', () => {
  let dir: string;
  let library: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wb-cache-key-'));
    library = join(dir, 'libwb.a');
    await writeFile(library, 'archive v1');
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  function cacheWith(versions: Pick<CompilerVersions, 'of'>): CompileCache {
    return new CompileCache(new CompileCacheOptions(join(dir, 'cache'), 1 << 20), versions as CompilerVersions, new FileDigests());
  }

  const input = (): CompileKeyInput => ({
    source: 'int main() {}',
    toolchain: 'cpp',
    command: 'g++',
    args: ['program.cpp', '-o', 'program'],
    inputs: [library],
  });

  it('keys by the compiler version and the library content', async () => {
    const cache = cacheWith({ of: async () => 'g++ 12' });
    const first = await cache.keyFor(input());
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await cache.keyFor(input())).toBe(first);

    await writeFile(library, 'archive v2, rebuilt');
    expect(await cache.keyFor(input())).not.toBe(first);
    expect(await cacheWith({ of: async () => 'g++ 13' }).keyFor(input())).not.toBe(await cache.keyFor(input()));
  });

  it('gives no key when the compiler cannot say its version, so the attempt compiles uncached', async () => {
    const cache = cacheWith({ of: () => Promise.reject(new Error('spawn g++ ENOENT')) });
    expect(await cache.keyFor(input())).toBeNull();
  });
});
