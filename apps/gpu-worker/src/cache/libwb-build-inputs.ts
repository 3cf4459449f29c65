import { libwbArchivePath, Toolchain } from '@wb/common';
import { join } from 'node:path';

/** What a build reads besides the program (libwb's headers and its archive): part of the compile cache's key. */
export function libwbBuildInputs(toolchain: Toolchain, libwbPath: string): string[] {
  return [join(libwbPath, 'include'), libwbArchivePath(toolchain, libwbPath)];
}
