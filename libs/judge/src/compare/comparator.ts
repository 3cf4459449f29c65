import { FormatError } from './format-error';
import { NumericData, numericFormatOf, parseNumeric } from './libwb-format';
import { differenceOf, Mismatches, MismatchTally } from './mismatches';
import type { OutputType } from './output-type';
import { PpmImage, parsePpm } from './ppm-format';
import { DEFAULT_IMAGE_TOLERANCE, DEFAULT_TOLERANCE, formatValue, withinTolerance } from './tolerance';

export interface CompareOptions {
  outputType: OutputType;
  /** Reals and image channels: the largest absolute difference that passes. */
  tolerance?: number;
  /**
   * The expected output's file name: its extension picks the numeric format (csv, tsv, else
   * raw). The program's output is read in the same format, so the worker names the `-o` file
   * with the same extension.
   */
  fileName?: string;
}

export interface CompareResult {
  passed: boolean;
  /** For the student: what matched, or the first difference. */
  message: string;
  /**
   * When the output has the expected shape but its values differ: the first few differences
   * and how many in all (a wrong size or an unreadable output has none, its message says it).
   */
  mismatches?: Mismatches;
}

/**
 * Compares a program's output with the dataset's expected output, outside the sandbox, with
 * libwb's semantics: sizes first, then element by element, reals within the tolerance, integers
 * (`integral_vector`, `histogram`) exactly, the first mismatch named by its position; every
 * mismatch is counted and the first few listed ({@link Mismatches}).
 *
 * The output comes from the student's program, so anything wrong with it is a failed comparison
 * with a message, never an exception. The expected output is the lab's: if it cannot be parsed
 * this throws a FormatError (a broken lab, for the worker to report as an internal error).
 */
export function compareOutput(expected: Buffer | string, actual: Buffer | string, opts: CompareOptions): CompareResult {
  switch (opts.outputType) {
    case 'none':
      return { passed: true, message: 'this lab does not check the output' };
    case 'text':
      return compareText(textOf(expected), textOf(actual));
    case 'image':
      return compareImages(expected, actual, toleranceOf(opts, DEFAULT_IMAGE_TOLERANCE));
    case 'vector':
    case 'matrix':
      return compareNumbers(expected, actual, opts.outputType, opts.fileName, toleranceOf(opts, DEFAULT_TOLERANCE));
    case 'integral_vector':
    case 'histogram':
      return compareNumbers(expected, actual, opts.outputType, opts.fileName, 0);
    default:
      throw new RangeError(`unknown output type ${JSON.stringify((opts as { outputType: unknown }).outputType)}`);
  }
}

type NumericOutputType = 'vector' | 'matrix' | 'integral_vector' | 'histogram';

const KIND: Record<NumericOutputType, string> = {
  vector: 'vector',
  matrix: 'matrix',
  integral_vector: 'integer vector',
  histogram: 'histogram',
};

function toleranceOf(opts: CompareOptions, fallback: number): number {
  const tolerance = opts.tolerance ?? fallback;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`tolerance must be a finite number >= 0, got ${tolerance}`);
  }
  return tolerance;
}

function textOf(input: Buffer | string): string {
  return typeof input === 'string' ? input : input.toString('utf8');
}

function parseExpected<T>(parse: () => T, what: string): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FormatError) throw new FormatError(`the expected output is not a valid ${what}: ${err.message}`);
    throw err;
  }
}

/** The program's output parsed, or the failed result that says why it could not be. */
function parseActual<T>(parse: () => T, what: string): T | CompareResult {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FormatError) return { passed: false, message: `output is not a valid ${what}: ${err.message}` };
    throw err;
  }
}

function isResult(value: unknown): value is CompareResult {
  return typeof value === 'object' && value !== null && 'passed' in value;
}

function compareNumbers(
  expectedInput: Buffer | string,
  actualInput: Buffer | string,
  outputType: NumericOutputType,
  fileName: string | undefined,
  tolerance: number,
): CompareResult {
  const format = numericFormatOf(fileName);
  const what = `${KIND[outputType]} file`;
  const expected = parseExpected(() => parseNumeric(expectedInput, format), what);
  const actual = parseActual(() => parseNumeric(actualInput, format), what);
  if (isResult(actual)) return actual;

  const matrix = outputType === 'matrix';
  // A vector has no shape beyond its length (`n` and `n 1` headers are the same vector).
  if (matrix ? expected.rows !== actual.rows || expected.cols !== actual.cols : expected.values.length !== actual.values.length) {
    return { passed: false, message: sizeMessage(expected, actual, matrix) };
  }
  const exact = outputType === 'integral_vector' || outputType === 'histogram';
  const tally = new MismatchTally();
  for (let i = 0; i < expected.values.length; i++) {
    const e = expected.values[i];
    const a = actual.values[i];
    if (exact ? e !== a : !withinTolerance(e, a, tolerance)) {
      tally.add(() => ({
        index: i,
        ...(matrix ? { where: `row ${Math.floor(i / expected.cols)}, col ${i % expected.cols}` } : {}),
        expected: formatValue(e),
        actual: formatValue(a),
        difference: differenceOf(e, a),
      }));
    }
  }
  if (tally.count) {
    const first = tally.list.first[0];
    const where = first.where ? `${first.where} (index ${first.index})` : `index ${first.index}`;
    return { passed: false, message: `mismatch at ${where}: expected ${first.expected}, got ${first.actual}`, mismatches: tally.list };
  }
  const n = expected.values.length;
  return {
    passed: true,
    message: exact ? `all ${n} values match exactly` : `all ${n} values match (tolerance ${tolerance})`,
  };
}

function sizeMessage(expected: NumericData, actual: NumericData, matrix: boolean): string {
  if (!matrix) return `expected ${expected.values.length} elements, got ${actual.values.length}`;
  return `expected a ${expected.rows} x ${expected.cols} matrix (rows x cols), got ${actual.rows} x ${actual.cols}`;
}

function compareImages(expectedInput: Buffer | string, actualInput: Buffer | string, tolerance: number): CompareResult {
  const expected = parseExpected(() => parsePpm(expectedInput), 'PPM image');
  const actual = parseActual(() => parsePpm(actualInput), 'PPM image');
  if (isResult(actual)) return actual;

  const describe = (img: PpmImage) => `${img.width} x ${img.height} with ${img.channels} channel(s)`;
  if (expected.width !== actual.width || expected.height !== actual.height || expected.channels !== actual.channels) {
    return { passed: false, message: `expected a ${describe(expected)} image, got ${describe(actual)}` };
  }
  const level = (img: PpmImage, i: number) => Math.round(img.values[i] * img.maxValue);
  const channel = (img: PpmImage, i: number) => `${img.values[i].toFixed(3)} (${level(img, i)}/${img.maxValue})`;
  const tally = new MismatchTally();
  for (let i = 0; i < expected.values.length; i++) {
    if (!withinTolerance(expected.values[i], actual.values[i], tolerance)) {
      const pixel = Math.floor(i / expected.channels);
      tally.add(() => ({
        index: i,
        where: `pixel (x ${pixel % expected.width}, y ${Math.floor(pixel / expected.width)}), channel ${i % expected.channels}`,
        expected: channel(expected, i),
        actual: channel(actual, i),
        difference: level(actual, i) - level(expected, i),
      }));
    }
  }
  if (tally.count) {
    const first = tally.list.first[0];
    return {
      passed: false,
      message: `mismatch at ${first.where} (index ${first.index}): expected ${first.expected}, got ${first.actual}`,
      mismatches: tally.list,
    };
  }
  return {
    passed: true,
    message: `all ${expected.width * expected.height} pixels match (tolerance ${+tolerance.toFixed(4)} per channel)`,
  };
}

/** Text outputs match when equal once line endings and trailing whitespace are normalized. */
function compareText(expected: string, actual: string): CompareResult {
  const expectedLines = normalizedLines(expected);
  const actualLines = normalizedLines(actual);
  const n = Math.max(expectedLines.length, actualLines.length);
  const tally = new MismatchTally();
  let message = '';
  for (let i = 0; i < n; i++) {
    const e = expectedLines[i];
    const a = actualLines[i];
    if (e === a) continue;
    if (!tally.count) {
      message =
        a === undefined
          ? `line ${i + 1}: expected ${quote(e)}, but the output ends after ${actualLines.length} line(s)`
          : e === undefined
            ? `line ${i + 1}: expected the end of the output, got ${quote(a)}`
            : `line ${i + 1}: expected ${quote(e)}, got ${quote(a)}`;
    }
    tally.add(() => ({
      index: i,
      where: `line ${i + 1}`,
      expected: e === undefined ? END : quote(e),
      actual: a === undefined ? END : quote(a),
    }));
  }
  if (tally.count) return { passed: false, message, mismatches: tally.list };
  return { passed: true, message: `all ${expectedLines.length} line(s) match` };
}

/** A text mismatch's side where one output has no line left. */
const END = '(end of the output)';

function normalizedLines(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}...` : line);
}
