import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { FileHandle, open, readFile, unlink } from 'node:fs/promises';

export interface CopiedFile {
  bytes: number;
  sha256: string;
}

/**
 * Copies `from` to a new file `to`, hashing what it copies in the same pass. The source is
 * opened without following a symbolic link and must be a regular file; the destination must not
 * exist (O_EXCL), so neither end can be redirected by a link planted in a run directory. A copy
 * that fails part way is removed, so no half file is left behind at `to`.
 */
export async function copyHashing(from: string, to: string, mode: number): Promise<CopiedFile> {
  const input = await open(from, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await input.stat()).isFile()) throw new Error(`${from} is not a regular file`);
    const output = await open(to, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    try {
      return await pump(input, output);
    } catch (err) {
      await unlink(to).catch(() => undefined); // ours: O_EXCL created it
      throw err;
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}

/**
 * In one read and one write: programs are a few MB at most, and each chunked read or write is a
 * round trip through libuv's thread pool that a cache hit, on the path of every resubmission,
 * should not pay for.
 */
async function pump(input: FileHandle, output: FileHandle): Promise<CopiedFile> {
  const data = await input.readFile();
  await output.writeFile(data);
  return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** sha256 of a file, read in one go like the copy above: libraries and programs of a few MB. */
export async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
