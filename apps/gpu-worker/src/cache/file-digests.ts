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
    const entries: [string, string][] = [];
    for (const path of paths) await this.collect(path, path, 0, entries);
    return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
  }

  private async collect(path: string, name: string, depth: number, entries: [string, string][]): Promise<void> {
    const stats = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (!stats) {
      entries.push([name, 'missing']);
    } else if (stats.isDirectory()) {
      if (depth >= MAX_DEPTH) throw new Error(`${path} is nested too deeply to be a library`);
      const children = (await readdir(path)).sort();
      for (const child of children) await this.collect(join(path, child), `${name}/${child}`, depth + 1, entries);
    } else if (stats.isFile()) {
      const signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
      const known = this.remembered.get(path);
      if (known?.signature === signature) {
        entries.push([name, known.sha256]);
      } else {
        const sha256 = await sha256OfFile(path);
        this.remembered.set(path, { signature, sha256 });
        entries.push([name, sha256]);
      }
    }
    // Sockets, devices and pipes are not part of a library: left out.
  }
}
