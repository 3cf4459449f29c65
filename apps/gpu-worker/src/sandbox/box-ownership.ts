import { lchownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxError } from './sandbox-error';

// Synchronous on purpose: a handful of metadata calls on the worker's own folder take
// microseconds each, where a trip through libuv's thread pool costs a tenth of a millisecond of
// every run's start.

/**
 * Gives the sandbox uid the folder a compile or run works in, and what the worker put there
 * (the source file), so a program that is not root can write its output. Not recursive and
 * never through a link: lchown changes a link itself, not what it points to.
 */
export function handOver(dir: string, uid: number, gid: number): void {
  lchownSync(dir, uid, gid);
  for (const entry of readdirSync(dir)) lchownSync(join(dir, entry), uid, gid);
}

/**
 * Lets the sandbox uid execute the program binary. A file of its own (the compiler's output, or
 * a compile-cache copy) is given to the sandbox uid. A file with other names is a compile-cache
 * hard link and is never changed (that would change the cache's entry): it is run only if it
 * belongs to the worker, nobody may write it and everybody may execute it.
 */
export function handOverBinary(path: string, uid: number, gid: number): void {
  const info = lstatSync(path);
  if (!info.isFile()) throw new SandboxError(`${path} is not a regular file; refusing to hand it to the sandbox`);
  if (info.nlink === 1) return lchownSync(path, uid, gid);
  const workerOwned = info.uid === process.getuid?.();
  if (!workerOwned || (info.mode & 0o222) !== 0 || (info.mode & 0o001) === 0)
    throw new SandboxError(`${path} has other names and is not a read-only program of the worker; refusing to hand it to the sandbox`);
}
