import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AppConfig } from '@wb/common';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { arch, type } from 'node:os';
import { join } from 'node:path';
import { c as createTar } from 'tar';
import { tagged, TaggedBody } from '../http/reply';

/** The folder the libwb archive unpacks into. */
export const LIBWB_FOLDER = 'libwb';

interface Packed {
  /** The packed files' names, sizes and times: a rebuilt libwb makes a new archive. */
  key: string;
  archive: Promise<TaggedBody>;
}

/**
 * What a student needs to work locally, as this server built it (`npm run build`): the `wb`
 * client (libs/libwb/build/wb) and libwb, its headers and static libraries packed as
 * `libwb/include/…` and `libwb/build/*.a`, the layout `wb run` expects in `WB_LIBWB`. The archive
 * and its ETag are made once per build of libwb and kept in memory, not per request.
 */
@Injectable()
export class ClientDownloads {
  private packed?: Packed;

  constructor(private readonly config: AppConfig) {}

  /** Where the built client is; a clear 404 on a server that has not built it. */
  clientPath(): string {
    const path = join(this.config.libwbPath, 'build', 'wb');
    if (!existsSync(path)) throw notBuilt('the wb client');
    return path;
  }

  /** libwb as a .tar.gz, packed again only when its files changed. */
  libwbArchive(): Promise<TaggedBody> {
    const files = this.libwbFiles();
    const key = files.map((f) => `${f}:${fingerprint(join(this.config.libwbPath, f))}`).join(';');
    if (this.packed?.key !== key) {
      const archive = pack(this.config.libwbPath, files);
      this.packed = { key, archive };
      archive.catch(() => (this.packed = undefined));
    }
    return this.packed.archive;
  }

  private libwbFiles(): string[] {
    const root = this.config.libwbPath;
    const libraries = ['libwb.a', 'libwb_cuda.a'].filter((f) => existsSync(join(root, 'build', f)));
    if (!libraries.includes('libwb.a')) throw notBuilt('libwb');
    const headers = readdirSync(join(root, 'include')).filter((f) => f.endsWith('.h'));
    return [...headers.map((f) => join('include', f)), ...libraries.map((f) => join('build', f))];
  }
}

/** The machines the downloads run on: the server's own kind, since it built them. */
export function buildPlatform(): string {
  const machine = ({ x64: 'x86-64', arm64: 'arm64' } as Record<string, string>)[arch()] ?? arch();
  return `${type()} ${machine}`;
}

function notBuilt(what: string): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, `${what} is not built on this server (the staff build it with npm run build)`);
}

function fingerprint(path: string): string {
  const { size, mtimeMs } = statSync(path);
  return `${size}@${mtimeMs}`;
}

/** The files under `libwb/`, owner and modes made portable (nothing of the server's users inside). */
async function pack(root: string, files: string[]): Promise<TaggedBody> {
  const chunks: Buffer[] = [];
  const stream = createTar({ gzip: true, cwd: root, prefix: LIBWB_FOLDER, portable: true }, files);
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return tagged(Buffer.concat(chunks));
}
