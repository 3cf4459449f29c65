import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CacheLayout } from './cache-layout';

export interface StoredEntry {
  dir: string;
  bytes: number;
  /** meta.json's modification time, which a hit moves forward. */
  lastUsedMs: number;
}

/**
 * Every entry on disk, read afresh: several workers may share the directory, so what this
 * process remembers is not the whole story.
 */
export async function listEntries(layout: CacheLayout): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  for (const fan of await readdirOrEmpty(layout.entries)) {
    for (const key of await readdirOrEmpty(join(layout.entries, fan))) {
      const dir = join(layout.entries, fan, key);
      const meta = await statOrNull(CacheLayout.meta(dir));
      const binary = await statOrNull(CacheLayout.binary(dir));
      // An entry without meta.json cannot be read: used least recently of all, so it goes first.
      entries.push({ dir, bytes: (meta?.size ?? 0) + (binary?.size ?? 0), lastUsedMs: meta?.mtimeMs ?? 0 });
    }
  }
  return entries;
}

/**
 * Deletes least recently used entries until at most `targetBytes` remain; returns what remains.
 */
export async function evictLeastRecentlyUsed(layout: CacheLayout, targetBytes: number): Promise<number> {
  const entries = await listEntries(layout);
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  entries.sort((a, b) => a.lastUsedMs - b.lastUsedMs);
  for (const entry of entries) {
    if (total <= targetBytes) break;
    await removeEntry(layout, entry.dir);
    total -= entry.bytes;
  }
  return total;
}

/**
 * Takes an entry out of entries/ in one rename, then deletes it at leisure: a reader sees the
 * whole entry or none of it. An entry another worker removed first is already gone.
 */
export async function removeEntry(layout: CacheLayout, dir: string): Promise<void> {
  const doomed = join(layout.tmp, `evicted-${basename(dir)}-${randomBytes(4).toString('hex')}`);
  try {
    await rename(dir, doomed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  await rm(doomed, { recursive: true, force: true });
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Removes what a worker that died mid-write left in tmp/. Only old leftovers: a younger one may
 * be another worker's entry in the making.
 */
export async function removeStaleTemporaries(layout: CacheLayout, olderThan: Date): Promise<void> {
  for (const name of await readdirOrEmpty(layout.tmp)) {
    const path = join(layout.tmp, name);
    const stats = await statOrNull(path);
    if (stats && stats.mtimeMs < olderThan.getTime()) await rm(path, { recursive: true, force: true });
  }
}
