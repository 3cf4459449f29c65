import type { Toolchain } from '@wb/common';
import { createHash } from 'node:crypto';

/** Changing what goes into a key, or how an entry is stored, bumps this so old entries are never read. */
const KEY_FORMAT = 'wb-compile-cache/1';

/** Everything that decides what the compiler makes of a program. */
export interface CompileKeyParts {
  source: string;
  toolchain: Toolchain;
  /** The compiler's (and, for nvcc, the host compiler's) `--version` output. */
  compilerVersion: string;
  /** The compile command with the run directory's paths left out, since every attempt has its own. */
  command: string;
  args: readonly string[];
  /** A digest of the files the build reads besides the source: libwb's archive and headers. */
  inputsDigest: string;
}

/**
 * sha256 of the parts. JSON keeps the parts apart unambiguously (a flag that ends in a quote
 * cannot run into the next one), so two different builds never share a key by concatenation.
 */
export function compileCacheKey(parts: CompileKeyParts): string {
  const fields = [KEY_FORMAT, parts.toolchain, parts.compilerVersion, parts.command, parts.args, parts.inputsDigest, parts.source];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** Keys name directories, so anything else is refused before it becomes a path. */
export function assertCompileCacheKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new TypeError(`not a compile cache key: ${JSON.stringify(key)}`);
}
