import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { x as extract } from 'tar';

/** A lab with its datasets is tens of MB; far past that is a mistake or an attack. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

export class ArchiveError extends Error {}

/**
 * Unpacks a lab's tar.gz into `dir`. Only regular files and folders are accepted (no links,
 * devices or absolute paths: node-tar already refuses `..` and leading `/`), with caps on the
 * unpacked size and entry count.
 */
export async function unpackLab(body: Readable, dir: string): Promise<void> {
  let bytes = 0;
  let entries = 0;
  let refused: string | undefined;
  const extractor = extract({
    cwd: dir,
    strict: true,
    preservePaths: false,
    filter: (path, entry) => {
      const type = 'type' in entry ? entry.type : undefined;
      entries++;
      bytes += entry.size ?? 0;
      if (type !== 'File' && type !== 'Directory') refused ??= `${path}: only files and folders are allowed (found ${type})`;
      else if (entries > MAX_ENTRIES) refused ??= `more than ${MAX_ENTRIES} entries`;
      else if (bytes > MAX_ARCHIVE_BYTES) refused ??= `more than ${MAX_ARCHIVE_BYTES} bytes unpacked`;
      return refused === undefined;
    },
  });
  try {
    await pipeline(body, extractor);
  } catch (err) {
    throw new ArchiveError(`not a valid tar.gz archive: ${(err as Error).message}`);
  }
  if (refused) throw new ArchiveError(`the archive was refused: ${refused}`);
  if (entries === 0) throw new ArchiveError('the archive is empty');
}
