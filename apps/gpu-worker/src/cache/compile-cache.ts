import { Injectable, Logger } from '@nestjs/common';
import type { Toolchain } from '@wb/common';
import { link, lstat, mkdir, mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { entryMeta, parseEntryMeta } from './cache-entry';
import { CacheLayout } from './cache-layout';
import { evictLeastRecentlyUsed, listEntries, removeEntry, removeStaleTemporaries } from './cache-usage';
import { CompileCacheOptions } from './compile-cache-options';
import { compileCacheKey } from './compile-cache-key';
import { CompilerVersions } from './compiler-versions';
import { copyHashing, CopiedFile, sha256OfFile } from './copy-hashing';
import { FileDigests } from './file-digests';

/** What a hit gives back: the same shape as the compiler's own outcome (runner/compiler.ts). */
export type CachedCompile = { ok: true; binary: string; output: string } | { ok: false; status: 'compile_error'; output: string };

/** What the compiler produced, as put() takes it. A timeout is accepted and not stored. */
export type CompileToStore =
  { ok: true; binary: string; output: string } | { ok: false; status: 'compile_error' | 'compile_timeout'; output: string };

export interface CompileKeyInput {
  source: string;
  toolchain: Toolchain;
  /** The compile command as compileArgs() builds it, with paths relative to the run directory. */
  command: string;
  args: readonly string[];
  /** Files and directories the build reads besides the source: libwb's archive and include directory. */
  inputs: readonly string[];
}

/** Evicting down to a little under the limit lets the next several stores go by without a scan. */
const EVICT_TO_FRACTION = 0.9;
/** Leftovers in tmp/ younger than this may belong to a worker that is still writing them. */
const STALE_TMP_MS = 60 * 60 * 1000;
/** The binary the run directory gets: the sandboxed program runs it, and nobody else needs to. */
const RUN_BINARY_MODE = 0o700;
/** Cache files are never rewritten in place. */
const CACHED_FILE_MODE = 0o400;
/** Executable by the sandbox uid through a link (the cache's directories keep everyone else out). */
const CACHED_BINARY_MODE = 0o555;
/** Entries whose binary this process has hashed; past this many it starts over. */
const MAX_VERIFIED = 10_000;

/**
 * Compiled programs by sha256 of everything that decides the compiler's result, so that a
 * resubmitted program skips the compiler: binaries and compile errors both (the same source
 * fails the same way), never timeouts (those depend on how busy the machine was).
 *
 * The cache is an optimisation and never fails an attempt: every error is logged and read as a
 * miss, and the attempt compiles as if there were no cache.
 *
 * A hit hands the run directory the binary: a hard link when the options allow it (a root
 * worker), else a copy. Either way the program cannot change the cache's file: the box binds the
 * binary read-only, and a link is only made where the file belongs to the worker with no write
 * bits while the program runs as another uid (the owner of a file could chmod it). A copy costs
 * a millisecond or two, which is most of what a resubmission adds to its runs; a compile costs
 * seconds.
 */
@Injectable()
export class CompileCache {
  private readonly logger = new Logger(CompileCache.name);
  private readonly layout: CacheLayout;
  private ready: Promise<void> | null = null;
  /** This process's estimate of the cache's size; an eviction replaces it with the size on disk. */
  private trackedBytes = 0;
  private evicting: Promise<void> | null = null;
  /** `key:inode` of linked binaries already checked against their hash: each is hashed once. */
  private readonly verified = new Set<string>();

  constructor(
    private readonly options: CompileCacheOptions,
    private readonly versions: CompilerVersions,
    private readonly digests: FileDigests,
  ) {
    this.layout = new CacheLayout(options.dir);
  }

  /** The key for a compile, or null (logged) when the compiler cannot be asked its version. */
  async keyFor(input: CompileKeyInput): Promise<string | null> {
    try {
      const [compilerVersion, inputsDigest] = await Promise.all([this.versions.of(input.command), this.digests.digest(input.inputs)]);
      return compileCacheKey({ ...input, compilerVersion, inputsDigest });
    } catch (err) {
      this.logger.warn(`compiling without the cache: ${(err as Error).message}`);
      return null;
    }
  }

  /**
   * The stored outcome for `key`, or null. On a hit for a successful compile the binary is placed
   * at `binaryPath` (which must not exist yet), never before it has been checked against its
   * recorded hash.
   */
  async get(key: string, binaryPath: string): Promise<CachedCompile | null> {
    const dir = this.layout.entry(key); // a malformed key is a bug in the caller: it throws
    try {
      await this.init();
      const meta = parseEntryMeta(await readFile(CacheLayout.meta(dir), 'utf8'), key);
      if (!meta) return await this.discard(dir, 'its meta.json is damaged or of another format');
      if (meta.ok && meta.binary && !(await this.handOut(key, CacheLayout.binary(dir), meta.binary, binaryPath))) {
        await rm(binaryPath, { force: true });
        return await this.discard(dir, 'its binary does not match its recorded hash');
      }
      // The LRU mark need not hold up the attempt: a failure only makes eviction a little less exact.
      void this.touch(dir).catch((err: Error) => this.logger.warn(`compile cache touch of ${key} failed: ${err.message}`));
      return meta.ok ? { ok: true, binary: binaryPath, output: meta.output } : { ok: false, status: 'compile_error', output: meta.output };
    } catch (err) {
      // ENOENT: not stored, or evicted while being read.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn(`compile cache read of ${key} failed: ${(err as Error).message}`);
      return null;
    }
  }

  /**
   * Puts the cached binary at `to`; false if it is not the file that was stored. A copy is hashed
   * as it is made. A link is hashed the first time this process hands it out: the file cannot
   * change after that (read-only, and replaced only by a new entry, which is a new inode), so
   * later hits cost a link and a stat.
   */
  private async handOut(key: string, from: string, stored: CopiedFile, to: string): Promise<boolean> {
    if (this.options.linkHits) {
      const linked = await link(from, to).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'EXDEV' || err.code === 'EPERM' || err.code === 'EMLINK') return false; // copy instead
          throw err;
        },
      );
      if (linked) {
        const info = await lstat(to);
        if (!info.isFile() || info.size !== stored.bytes || (info.mode & 0o222) !== 0) return false;
        const id = `${key}:${info.ino}`;
        if (this.verified.has(id)) return true;
        if ((await sha256OfFile(to)) !== stored.sha256) return false;
        if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
        this.verified.add(id);
        return true;
      }
    }
    const copied = await copyHashing(from, to, RUN_BINARY_MODE);
    return copied.sha256 === stored.sha256 && copied.bytes === stored.bytes;
  }

  /**
   * Stores the compiler's outcome under `key`: for a success, a copy of the binary taken now,
   * before the program has run and could have changed it. When two workers store the same key
   * at once, the first rename wins and the other's copy is dropped; both hold the same build.
   */
  async put(key: string, outcome: CompileToStore): Promise<void> {
    const dir = this.layout.entry(key); // a malformed key is a bug in the caller: it throws
    if (!outcome.ok && outcome.status !== 'compile_error') return;
    try {
      await this.init();
      if (await this.exists(dir)) return await this.touch(dir);
      const bytes = await this.write(key, dir, outcome);
      if (bytes === null) return;
      this.trackedBytes += bytes;
      if (this.trackedBytes > this.options.maxBytes) await this.evict();
    } catch (err) {
      this.logger.warn(`compile cache store of ${key} failed: ${(err as Error).message}`);
    }
  }

  /** Builds the entry in tmp/ and renames it into place; the bytes it added, or null if none. */
  private async write(key: string, dir: string, outcome: CompileToStore): Promise<number | null> {
    const staging = await mkdtemp(join(this.layout.tmp, `${key.slice(0, 12)}-`));
    try {
      const binary = outcome.ok ? await copyHashing(outcome.binary, CacheLayout.binary(staging), CACHED_BINARY_MODE) : null;
      if (binary && binary.bytes > this.options.maxBytes) return null;
      const meta = JSON.stringify(entryMeta(key, outcome.ok, outcome.output, binary));
      await writeFile(CacheLayout.meta(staging), meta, { mode: CACHED_FILE_MODE });
      await this.touch(staging);
      await mkdir(dirname(dir), { recursive: true, mode: 0o700 });
      try {
        await rename(staging, dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ENOTEMPTY') return null; // another worker stored it first
        throw err;
      }
      return Buffer.byteLength(meta) + (binary?.bytes ?? 0);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Marks an entry used now: eviction goes by meta.json's modification time. */
  private async touch(dir: string): Promise<void> {
    const now = this.options.now();
    try {
      await utimes(CacheLayout.meta(dir), now, now);
    } catch (err) {
      // Evicted a moment ago by another worker: there is nothing left to mark.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  private async exists(dir: string): Promise<boolean> {
    try {
      await stat(CacheLayout.meta(dir));
      return true;
    } catch {
      return false;
    }
  }

  private async discard(dir: string, why: string): Promise<null> {
    this.logger.warn(`dropping compile cache entry ${dir}: ${why}`);
    await removeEntry(this.layout, dir);
    return null;
  }

  /**
   * One eviction at a time in this process; a store that finds one running waits for it. A
   * failure is logged, not thrown: the next store over the limit tries again.
   */
  private evict(): Promise<void> {
    this.evicting ??= evictLeastRecentlyUsed(this.layout, Math.floor(this.options.maxBytes * EVICT_TO_FRACTION))
      .then((remaining) => {
        this.trackedBytes = remaining;
      })
      .catch((err: unknown) => this.logger.warn(`compile cache eviction failed: ${(err as Error).message}`))
      .finally(() => {
        this.evicting = null;
      });
    return this.evicting;
  }

  /** Creates the directories, clears old leftovers and learns the size on disk, once. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.layout.entries, { recursive: true, mode: 0o700 });
      await mkdir(this.layout.tmp, { recursive: true, mode: 0o700 });
      await removeStaleTemporaries(this.layout, new Date(Date.now() - STALE_TMP_MS));
      this.trackedBytes = (await listEntries(this.layout)).reduce((sum, e) => sum + e.bytes, 0);
      if (this.trackedBytes > this.options.maxBytes) await this.evict();
    })().catch((err: unknown) => {
      this.ready = null; // try again on the next use
      throw err;
    });
    return this.ready;
  }
}
