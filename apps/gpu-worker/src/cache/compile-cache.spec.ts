import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CompileCache } from './compile-cache';
import { CompileCacheOptions } from './compile-cache-options';
import { CompilerVersions } from './compiler-versions';
import { FileDigests } from './file-digests';

const run = promisify(execFile);

/** Hex keys as keyFor() makes them; the tests need only distinct ones. */
const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const KEY_C = 'c'.repeat(64);

const fixedVersions = { of: async () => 'g++ (Debian 12.2.0-14) 12.2.0' } as unknown as CompilerVersions;

describe('CompileCache', () => {
  let root: string;
  let cacheDir: string;
  let clock: number;
  let warnings: string[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'wb-compile-cache-'));
    cacheDir = join(root, 'cache');
    clock = Date.parse('2025-01-01T00:00:00Z');
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  /** A cache as one worker process sees it; each call is another worker on the same directory. */
  function cache(maxBytes = 64 * 1024 * 1024, linkHits = false, dir = cacheDir): CompileCache {
    const now = () => new Date((clock += 1000));
    return new CompileCache(new CompileCacheOptions(dir, maxBytes, { now, linkHits }), fixedVersions, new FileDigests());
  }

  async function runDir(): Promise<string> {
    return mkdtemp(join(root, 'run-'));
  }

  /** A "compiled program": a shell script padded to `bytes`, which prints `says`. */
  async function compiled(says: string, bytes = 1000): Promise<string> {
    const dir = await runDir();
    const script = `#!/bin/sh\necho ${says}\n`;
    const binary = join(dir, 'program');
    await writeFile(binary, script + '#'.repeat(Math.max(0, bytes - script.length - 1)) + '\n', { mode: 0o700 });
    return binary;
  }

  async function entryDir(key: string): Promise<string> {
    return join(cacheDir, 'entries', key.slice(0, 2), key);
  }

  it('misses, then hits with a binary that runs', async () => {
    const c = cache();
    expect(await c.get(KEY_A, join(await runDir(), 'program'))).toBeNull();

    await c.put(KEY_A, { ok: true, binary: await compiled('hello'), output: 'warning: unused variable' });
    const target = join(await runDir(), 'program');
    expect(await c.get(KEY_A, target)).toEqual({ ok: true, binary: target, output: 'warning: unused variable' });
    const { stdout } = await run(target);
    expect(stdout).toBe('hello\n');
    expect((await stat(target)).mode & 0o777).toBe(0o700);
  });

  it('gives each hit a copy of its own, which the program cannot use to change the cache', async () => {
    const c = cache();
    await c.put(KEY_A, { ok: true, binary: await compiled('original'), output: '' });

    const first = join(await runDir(), 'program');
    await c.get(KEY_A, first);
    expect((await stat(first)).nlink).toBe(1);
    await writeFile(first, '#!/bin/sh\necho tampered\n');

    const second = join(await runDir(), 'program');
    await c.get(KEY_A, second);
    expect((await run(second)).stdout).toBe('original\n');
  });

  describe('hits by hard link (a root worker, whose programs run under another uid)', () => {
    it('links the read-only, executable file instead of copying it', async () => {
      const c = cache(undefined, true);
      await c.put(KEY_A, { ok: true, binary: await compiled('linked'), output: '' });
      const targets = [join(await runDir(), 'program'), join(await runDir(), 'program')];
      for (const target of targets) expect(await c.get(KEY_A, target)).toMatchObject({ ok: true, binary: target });

      const info = await stat(targets[0]);
      expect(info.nlink).toBe(3); // the entry and both run directories
      expect(info.mode & 0o777).toBe(0o555); // nobody may write it; the sandbox uid may run it
      expect((await run(targets[1])).stdout).toBe('linked\n');
    });

    it('checks a linked binary against its hash before handing it out', async () => {
      await cache(undefined, true).put(KEY_A, { ok: true, binary: await compiled('a', 1000), output: '' });
      const binary = join(await entryDir(KEY_A), 'binary');
      await chmod(binary, 0o755);
      await writeFile(binary, Buffer.alloc(1000, '#')); // same size, other bytes
      await chmod(binary, 0o555);

      const target = join(await runDir(), 'program');
      expect(await cache(undefined, true).get(KEY_A, target)).toBeNull();
      await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(stat(await entryDir(KEY_A))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(warnings.join('\n')).toMatch(/does not match its recorded hash/);
    });

    it('copies when the cache is on another file system than the run directory', async () => {
      const elsewhere = await mkdtemp(join('/dev/shm', 'wb-compile-cache-'));
      try {
        expect((await stat(elsewhere)).dev).not.toBe((await stat(root)).dev);
        const c = cache(undefined, true, elsewhere);
        await c.put(KEY_A, { ok: true, binary: await compiled('copied'), output: '' });
        const target = join(await runDir(), 'program');
        expect(await c.get(KEY_A, target)).toMatchObject({ ok: true });
        expect((await stat(target)).nlink).toBe(1);
        expect((await run(target)).stdout).toBe('copied\n');
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
    });
  });

  it('stores the binary as it was when stored, not as the program later leaves it', async () => {
    const c = cache();
    const binary = await compiled('as compiled');
    await c.put(KEY_A, { ok: true, binary, output: '' });
    await writeFile(binary, '#!/bin/sh\necho rewritten by the program\n');

    const target = join(await runDir(), 'program');
    await c.get(KEY_A, target);
    expect((await run(target)).stdout).toBe('as compiled\n');
  });

  it('caches a compile error, without a binary', async () => {
    const c = cache();
    const output = "program.cpp:3:5: error: 'x' was not declared in this scope";
    await c.put(KEY_A, { ok: false, status: 'compile_error', output });
    const target = join(await runDir(), 'program');
    expect(await c.get(KEY_A, target)).toEqual({ ok: false, status: 'compile_error', output });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does not cache a compile timeout, which says more about the machine than the program', async () => {
    const c = cache();
    await c.put(KEY_A, { ok: false, status: 'compile_timeout', output: 'compilation took longer than 10 s' });
    expect(await c.get(KEY_A, join(await runDir(), 'program'))).toBeNull();
  });

  it('keeps entries apart by key', async () => {
    const c = cache();
    await c.put(KEY_A, { ok: true, binary: await compiled('a'), output: '' });
    await c.put(KEY_B, { ok: false, status: 'compile_error', output: 'b failed' });
    const target = join(await runDir(), 'program');
    expect(await c.get(KEY_A, target)).toMatchObject({ ok: true });
    expect((await run(target)).stdout).toBe('a\n');
    expect(await c.get(KEY_B, join(await runDir(), 'program'))).toMatchObject({ output: 'b failed' });
    expect(await c.get(KEY_C, join(await runDir(), 'program'))).toBeNull();
  });

  describe('size limit', () => {
    it('evicts the least recently used entries past the limit', async () => {
      // About 1.2 KB an entry (binary and meta.json): two fit in 3 KB, three do not.
      const c = cache(3000);
      await c.put(KEY_A, { ok: true, binary: await compiled('a'), output: '' });
      await c.put(KEY_B, { ok: true, binary: await compiled('b'), output: '' });
      expect(await c.get(KEY_A, join(await runDir(), 'program'))).not.toBeNull(); // A is now newer than B

      await c.put(KEY_C, { ok: true, binary: await compiled('c'), output: '' });
      expect(await c.get(KEY_B, join(await runDir(), 'program'))).toBeNull();
      expect(await c.get(KEY_A, join(await runDir(), 'program'))).not.toBeNull();
      expect(await c.get(KEY_C, join(await runDir(), 'program'))).not.toBeNull();
    });

    it('counts what other workers stored, learning the size on disk at start', async () => {
      const big = cache();
      await big.put(KEY_A, { ok: true, binary: await compiled('a'), output: '' });
      await big.put(KEY_B, { ok: true, binary: await compiled('b'), output: '' });

      const small = cache(1000);
      await small.put(KEY_C, { ok: false, status: 'compile_error', output: 'c failed' });
      const left = await Promise.all(
        [KEY_A, KEY_B, KEY_C].map(async (k) => (await small.get(k, join(await runDir(), 'program'))) !== null),
      );
      expect(left).toEqual([false, false, true]);
    });

    it('does not store a binary larger than the whole cache', async () => {
      const c = cache(500);
      await c.put(KEY_A, { ok: true, binary: await compiled('a', 1000), output: '' });
      expect(await c.get(KEY_A, join(await runDir(), 'program'))).toBeNull();
      expect(await readdir(join(cacheDir, 'tmp'))).toEqual([]);
    });
  });

  describe('concurrency and damage', () => {
    it('stores one entry when workers store the same key at once', async () => {
      const workers = [cache(), cache(), cache()];
      const binaries = await Promise.all(workers.map(() => compiled('same')));
      await Promise.all(workers.map((w, i) => w.put(KEY_A, { ok: true, binary: binaries[i], output: 'built' })));

      expect(warnings).toEqual([]);
      expect(await readdir(join(cacheDir, 'entries', 'aa'))).toEqual([KEY_A]);
      expect(await readdir(join(cacheDir, 'tmp'))).toEqual([]);
      const target = join(await runDir(), 'program');
      expect(await cache().get(KEY_A, target)).toMatchObject({ ok: true, output: 'built' });
      expect((await run(target)).stdout).toBe('same\n');
    });

    it('serves readers while another worker stores the same key', async () => {
      const writer = cache();
      const reader = cache();
      await writer.put(KEY_A, { ok: true, binary: await compiled('v'), output: '' });
      const targets = await Promise.all([1, 2, 3].map(async () => join(await runDir(), 'program')));
      const results = await Promise.all([
        ...targets.map((t) => reader.get(KEY_A, t)),
        writer.put(KEY_A, { ok: true, binary: await compiled('v'), output: '' }),
      ]);
      expect(results.slice(0, 3).every((r) => r?.ok)).toBe(true);
    });

    it('ignores and removes an entry whose meta.json is damaged', async () => {
      const c = cache();
      await c.put(KEY_A, { ok: true, binary: await compiled('a'), output: '' });
      const meta = join(await entryDir(KEY_A), 'meta.json');
      await chmod(meta, 0o600);
      await writeFile(meta, '{"format":1,"key":"aaa');

      expect(await c.get(KEY_A, join(await runDir(), 'program'))).toBeNull();
      await expect(stat(await entryDir(KEY_A))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(warnings.join('\n')).toMatch(/damaged/);

      await c.put(KEY_A, { ok: true, binary: await compiled('again'), output: '' });
      const target = join(await runDir(), 'program');
      expect(await c.get(KEY_A, target)).toMatchObject({ ok: true });
      expect((await run(target)).stdout).toBe('again\n');
    });

    it('never hands out a binary that does not match its hash', async () => {
      const c = cache();
      await c.put(KEY_A, { ok: true, binary: await compiled('a'), output: '' });
      const binary = join(await entryDir(KEY_A), 'binary');
      await chmod(binary, 0o700);
      await truncate(binary, 20);

      const target = join(await runDir(), 'program');
      expect(await c.get(KEY_A, target)).toBeNull();
      await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(stat(await entryDir(KEY_A))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('never reads an entry still being written, and clears only old leftovers at start', async () => {
      const tmp = join(cacheDir, 'tmp');
      await mkdir(join(tmp, 'aaaaaaaaaaaa-old'), { recursive: true });
      await writeFile(join(tmp, 'aaaaaaaaaaaa-old', 'meta.json'), '{}');
      await mkdir(join(tmp, 'aaaaaaaaaaaa-young'));
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(join(tmp, 'aaaaaaaaaaaa-old'), twoHoursAgo, twoHoursAgo);

      expect(await cache().get(KEY_A, join(await runDir(), 'program'))).toBeNull();
      expect(await readdir(tmp)).toEqual(['aaaaaaaaaaaa-young']);
    });
  });

  describe('run directories', () => {
    it('does not store through a symbolic link a program left in place of its binary', async () => {
      const c = cache();
      const secret = join(root, 'secret');
      await writeFile(secret, 'expected output');
      const binary = join(await runDir(), 'program');
      await symlink(secret, binary);

      await c.put(KEY_A, { ok: true, binary, output: '' });
      expect(await c.get(KEY_A, join(await runDir(), 'program'))).toBeNull();
      expect(warnings.join('\n')).toMatch(/store of a+ failed/);
    });

    it('does not write through a file already at the destination', async () => {
      const c = cache();
      await c.put(KEY_A, { ok: true, binary: await compiled('a'), output: '' });
      const victim = join(root, 'victim');
      await writeFile(victim, 'keep me');
      const target = join(await runDir(), 'program');
      await symlink(victim, target);

      expect(await c.get(KEY_A, target)).toBeNull();
      expect(await readFile(victim, 'utf8')).toBe('keep me');
    });
  });

  it('refuses something that is not a key before it becomes a path', async () => {
    await expect(cache().get('../../etc', join(root, 'x'))).rejects.toThrow(TypeError);
    await expect(cache().put('A'.repeat(64), { ok: false, status: 'compile_error', output: '' })).rejects.toThrow(TypeError);
  });
});
