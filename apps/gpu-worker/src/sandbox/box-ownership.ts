import { lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SandboxError } from './sandbox-error';

/**
 * Gives the sandbox uid the folder a compile or run works in, and what the worker put there
 * (the source file), so a program that is not root can write its output. Not recursive and
 * never through a link: lchown changes a link itself, not what it points to.
 */
export async function handOver(dir: string, uid: number, gid: number): Promise<void> {
  await lchown(dir, uid, gid);
  for (const entry of await readdir(dir)) await lchown(join(dir, entry), uid, gid);
}

/**
 * Lets the sandbox uid execute the program binary (a compile-cache hit leaves the worker's own
 * 0700 copy). Only a file of its own: changing a hard-linked file would change every other
 * name of it, such as an entry of the cache.
 */
export async function handOverBinary(path: string, uid: number, gid: number): Promise<void> {
  const info = await lstat(path);
  if (!info.isFile() || info.nlink !== 1) throw new SandboxError(`${path} is not a file of its own; refusing to hand it to the sandbox`);
  await lchown(path, uid, gid);
}
