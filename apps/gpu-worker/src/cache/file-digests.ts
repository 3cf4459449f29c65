import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256OfFile } from './copy-hashing';

/** Deep enough for any library layout, and a stop for a directory link that points at its parent. */
const MAX_DEPTH = 8;

interface Remembered {
  signature: string;
  sha256: string;
}

/**
 * Digests of the files a build reads besides the source (libwb's archive and headers). A file is
 * read again only when its size, times or inode change, so a rebuilt libwb changes every key
 * at once while an unchanged one costs a stat per compile.
 */
@Injectable()
export class FileDigests {
  private readonly remembered = new Map<string, Remembered>();

  /**
   * One digest over the given files and directories (a directory by the names and contents of
   * every file under it). A missing path has a digest too: a build that lacks a file fails in its
   * own way, and once the file appears the key changes.
   */
  async digest(paths: readonly string[]): Promise<string> {
    const entries = (await Promise.all(paths.map((path) => this.collect(path, path, 0)))).flat();
    return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
  }

  /** The entries under one path, in name order; siblings are looked at together (a stat each, off the event loop). */
  private async collect(path: string, name: string, depth: number): Promise<[string, string][]> {
    const stats = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (!stats) return [[name, 'missing']];
    if (stats.isDirectory()) {
      if (depth >= MAX_DEPTH) throw new Error(`${path} is nested too deeply to be a library`);
      const children = (await readdir(path)).sort();
      const nested = await Promise.all(children.map((child) => this.collect(join(path, child), `${name}/${child}`, depth + 1)));
      return nested.flat();
    }
    if (!stats.isFile()) return []; // sockets, devices and pipes are not part of a library
    const signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
    const known = this.remembered.get(path);
    if (known?.signature === signature) return [[name, known.sha256]];
    const sha256 = await sha256OfFile(path);
    this.remembered.set(path, { signature, sha256 });
    return [[name, sha256]];
  }
}
