import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** What a program left at a path, as the worker may read it. */
export type ProgramFile =
  { kind: 'missing' } | { kind: 'refused'; why: string } | { kind: 'too-large'; bytes: number } | { kind: 'read'; bytes: Buffer };

/**
 * Reads a file the program wrote, trusting nothing about it: opened without following a link
 * (O_NOFOLLOW) or blocking on a FIFO (O_NONBLOCK), then checked through the descriptor (a
 * regular file with one link) and sized before a byte is read. The worker runs outside the box,
 * often as root: a link or a second name could otherwise make it read a host file.
 */
export async function readProgramFile(path: string, maxBytes: number): Promise<ProgramFile> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', why: code === 'ELOOP' ? 'a symbolic link' : `unreadable (${code})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'refused', why: 'not a regular file' };
    if (info.nlink !== 1) return { kind: 'refused', why: 'a file with more than one name' };
    if (info.size > maxBytes) return { kind: 'too-large', bytes: info.size };
    const bytes = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return { kind: 'read', bytes: bytes.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
