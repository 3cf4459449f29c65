import type { CopiedFile } from './copy-hashing';

/**
 * Bumped when meta.json or the entry's files change (2: the binary is 0555, for hits by link);
 * an entry of another format is a miss (and is removed).
 */
const ENTRY_FORMAT = 2;

/** meta.json: what a cache hit needs besides the binary itself. */
export interface CacheEntryMeta {
  format: typeof ENTRY_FORMAT;
  key: string;
  ok: boolean;
  /** The compiler's output, with the run directory's paths already taken out. */
  output: string;
  /** Present exactly when `ok`: checked on every hit, so a damaged binary is never run. */
  binary: CopiedFile | null;
}

export function entryMeta(key: string, ok: boolean, output: string, binary: CopiedFile | null): CacheEntryMeta {
  return { format: ENTRY_FORMAT, key, ok, output, binary };
}

/** The entry's meta.json, or null if it is not one this worker wrote for this key. */
export function parseEntryMeta(text: string, key: string): CacheEntryMeta | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const meta = value as Partial<CacheEntryMeta>;
  if (meta.format !== ENTRY_FORMAT || meta.key !== key || typeof meta.ok !== 'boolean' || typeof meta.output !== 'string') return null;
  if (meta.ok !== isCopiedFile(meta.binary)) return null;
  if (!meta.ok && meta.binary !== null) return null;
  return meta as CacheEntryMeta;
}

function isCopiedFile(value: unknown): value is CopiedFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<CopiedFile>;
  return (
    Number.isSafeInteger(file.bytes) && (file.bytes as number) >= 0 && typeof file.sha256 === 'string' && /^[0-9a-f]{64}$/.test(file.sha256)
  );
}
