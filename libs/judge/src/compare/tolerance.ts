/** libwb's tolerance for reals: an absolute difference, as in the original libwb. */
export const DEFAULT_TOLERANCE = 0.2;

/**
 * For images (channels in [0, 1]) 0.2 would accept visibly wrong pictures. Two 8-bit levels:
 * GPU and CPU float math may round a channel to the neighbouring level; more is a wrong pixel.
 */
export const DEFAULT_IMAGE_TOLERANCE = 2 / 255;

/**
 * Whether `actual` is within `tolerance` of `expected`.
 *
 * NaN never matches, not even NaN: a NaN in an output means a broken computation, and the
 * original libwb counted it as a mismatch. Infinities match only the same infinity; 0 and -0
 * are equal.
 *
 * Both values are the decimals read from the files, so the test is meant in decimal: "1.5" and
 * "1.7" differ by exactly 0.2 and pass, although 1.7 - 1.5 is a hair above 0.2 in binary. The
 * allowance of a few ulps of the operands absorbs that rounding and nothing larger
 * ("1.7001" still fails). libwb's local check (libs/libwb/src/compare.cpp) applies the same rule.
 */
export function withinTolerance(expected: number, actual: number, tolerance: number): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return false;
  if (expected === actual) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  const slack = 4 * Number.EPSILON * Math.max(Math.abs(expected), Math.abs(actual));
  return Math.abs(expected - actual) <= tolerance + slack;
}

/** A number as libwb prints it (nan, inf, -inf, -0), so messages read the same in both. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}
