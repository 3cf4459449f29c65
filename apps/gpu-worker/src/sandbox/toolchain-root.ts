import { realpathSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

/** Where the box's /usr (and the links into it) already cover a toolchain. */
const SYSTEM_PREFIXES = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/'];

/**
 * The install folder of a compiler that lives outside /usr (a CUDA toolkit in /opt/cuda), so
 * that a compile can bind it read-only; null when /usr already has it or it is not found.
 * `bin/nvcc` resolves to the toolkit root, the parent of its `bin`.
 */
export function toolchainRoot(command: string, searchPath: string | undefined): string | null {
  const found = isAbsolute(command)
    ? [command]
    : (searchPath ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, command));
  for (const candidate of found) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    if (SYSTEM_PREFIXES.some((p) => real.startsWith(p))) return null;
    return dirname(dirname(real));
  }
  return null;
}
