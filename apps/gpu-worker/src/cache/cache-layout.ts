import { join } from 'node:path';
import { assertCompileCacheKey } from './compile-cache-key';

/**
 * Where things are under the cache directory:
 *   entries/ab/<key>/meta.json   the outcome, the compiler's output, the binary's size and hash
 *   entries/ab/<key>/binary      the program, for a successful compile
 *   tmp/                         entries being written, and evicted entries being deleted
 * An entry becomes visible only by renaming a complete directory from tmp/ into entries/, and
 * disappears by renaming it back out, so a reader never meets half an entry. tmp/ sits on the
 * same file system as entries/, which is what makes the rename atomic. The two-character fan-out
 * keeps directories small enough to list quickly when the cache holds many entries.
 */
export class CacheLayout {
  readonly entries: string;
  readonly tmp: string;

  constructor(readonly root: string) {
    this.entries = join(root, 'entries');
    this.tmp = join(root, 'tmp');
  }

  entry(key: string): string {
    assertCompileCacheKey(key);
    return join(this.entries, key.slice(0, 2), key);
  }

  static meta(entryDir: string): string {
    return join(entryDir, 'meta.json');
  }

  static binary(entryDir: string): string {
    return join(entryDir, 'binary');
  }
}
