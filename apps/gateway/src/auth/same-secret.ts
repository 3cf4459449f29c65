import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret someone presented (a signature, a seal, a token's digest) is the expected one,
 * in a time that does not depend on where they first differ. A length mismatch is refused first:
 * lengths are public (every such value has a fixed one).
 */
export function sameSecret(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
