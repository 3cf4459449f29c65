import { FormatError } from './format-error';

/** A numeric libwb file: values in row-major order; a vector is `rows` x 1. */
export interface NumericData {
  rows: number;
  cols: number;
  values: number[];
}

export type NumericFormat = 'raw' | 'csv' | 'tsv';

/** libwb picks the format by extension; anything not csv/tsv is raw (`.raw`, `.dat`, none). */
export function numericFormatOf(fileName?: string): NumericFormat {
  const name = (fileName ?? '').toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv')) return 'tsv';
  return 'raw';
}

export function parseNumeric(input: Buffer | string, format: NumericFormat): NumericData {
  if (format === 'raw') return parseRaw(input);
  return parseDelimited(input, format === 'csv' ? ',' : '\t');
}

// libwb writes floats in their shortest form and reads "nan"/"inf" back; anything else that
// Number() would accept ("0x10", "", "1_000") is not a libwb number.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/** The number a token stands for, or undefined when it is not one. */
export function parseNumberToken(token: string): number | undefined {
  if (DECIMAL.test(token)) return Number(token);
  const special = SPECIAL.exec(token);
  if (!special) return undefined;
  if (special[2].toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

// The whitespace libwb's C reader splits on; not \s, which would also split on Unicode spaces.
const SPACES = /[ \t\r\v\f]+/;

function textOf(input: Buffer | string): string {
  return typeof input === 'string' ? input : input.toString('utf8');
}

function shown(token: string): string {
  return JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}...` : token);
}

function tokensOf(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(SPACES);
}

/**
 * The raw format (`.raw`, `.dat`): a first line `rows` (vector) or `rows cols` (matrix), then
 * exactly rows*cols whitespace-separated values.
 */
export function parseRaw(input: Buffer | string): NumericData {
  const text = textOf(input);
  if (text.trim() === '') throw new FormatError('the file is empty');
  const lines = text.split('\n');
  const header = tokensOf(lines[0]);
  const sizes = header.map((t) => (/^\+?\d+$/.test(t) ? Number(t) : NaN));
  if (header.length < 1 || header.length > 2 || sizes.some((n) => !Number.isSafeInteger(n))) {
    throw new FormatError(`the first line must be \`rows\` or \`rows cols\` (non-negative integers), found ${shown(lines[0].trim())}`);
  }
  const rows = sizes[0];
  const cols = header.length === 2 ? sizes[1] : 1;
  const count = rows * cols;

  // Counted before parsing, so a short or long file says so even if a token is also bad, and a
  // huge header allocates nothing.
  let found = 0;
  const lineTokens: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const tokens = tokensOf(lines[i]);
    lineTokens.push(tokens);
    found += tokens.length;
  }
  if (found !== count) throw new FormatError(`expected ${count} values, found ${found}`);

  const values = new Array<number>(count);
  let index = 0;
  lineTokens.forEach((tokens, i) => {
    for (const token of tokens) {
      const value = parseNumberToken(token);
      if (value === undefined) {
        throw new FormatError(`value ${index} (line ${i + 2}): ${shown(token)} is not a number`);
      }
      values[index++] = value;
    }
  });
  return { rows, cols, values };
}

/** csv / tsv: no header, one row per line, every row as long as the first. */
export function parseDelimited(input: Buffer | string, delimiter: ',' | '\t'): NumericData {
  const lines = textOf(input)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const values: number[] = [];
  let cols = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') throw new FormatError(`line ${i + 1} is empty`);
    const cells = line.split(delimiter).map((c) => c.trim());
    if (i === 0) cols = cells.length;
    if (cells.length !== cols) {
      throw new FormatError(`line ${i + 1} has ${cells.length} values, expected ${cols} like the first line`);
    }
    cells.forEach((cell, c) => {
      const value = parseNumberToken(cell);
      if (value === undefined) {
        throw new FormatError(`value ${values.length} (line ${i + 1}, column ${c + 1}): ${shown(cell)} is not a number`);
      }
      values.push(value);
    });
  });
  return { rows: lines.length, cols, values };
}
