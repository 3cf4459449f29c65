import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * After a run, and before the worker reads anything the program left in its folder: keeps only
 * regular files with a single link. A symbolic link named output.raw pointing at a host file,
 * a FIFO that would block the worker's read, or a folder in place of the report all go, so the
 * worker (root, outside the box) reads the program's own bytes or finds nothing. The filter
 * already refuses symlink, link and mknod; this is the second wall. Returns what it removed.
 */
export async function keepOnlyRegularFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    const info = await lstat(path);
    if (info.isFile() && info.nlink === 1) continue;
    // rm unlinks a link itself and removes a folder without following links inside it.
    await rm(path, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
