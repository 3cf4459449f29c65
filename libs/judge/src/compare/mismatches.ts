/**
 * How many differences a comparison lists; the rest are only counted, so a wrong output of any
 * size costs the same small memory and report space.
 */
export const MISMATCHES_LISTED = 10;

/** One place where the output differs from the expected one. */
export interface Mismatch {
  /** The value's index in the output (numbers, image channels), or the line's (text, from 0). */
  index: number;
  /** Where that is in the output's own terms, when the index alone does not say it: a matrix's row and column, a pixel, a line. */
  where?: string;
  expected: string;
  actual: string;
  /** Got minus expected, for numbers (an image channel: in levels); absent where it means nothing (text, an infinity, NaN). */
  difference?: number;
}

/** The differences of a failed comparison: the first {@link MISMATCHES_LISTED}, and how many in all. */
export interface Mismatches {
  total: number;
  first: Mismatch[];
}

/** Counts every mismatch, keeps the first few. */
export class MismatchTally {
  private total = 0;
  private readonly first: Mismatch[] = [];

  /** `describe` runs only for the mismatches kept. */
  add(describe: () => Mismatch): void {
    if (this.first.length < MISMATCHES_LISTED) this.first.push(describe());
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  get list(): Mismatches {
    return { total: this.total, first: this.first };
  }
}

/** Got minus expected, to six significant digits (no binary noise such as -0.009999999999999787), when both are finite. */
export function differenceOf(expected: number, actual: number): number | undefined {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return undefined;
  return Number((actual - expected).toPrecision(6));
}
