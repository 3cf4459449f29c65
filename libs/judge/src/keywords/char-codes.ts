// UTF-16 code units the source scanner compares against, named so its branches read as C rules.
// Plain constants, not a const enum: ts-jest compiles each file alone and could not inline one.

/**
 * The end of the source. A small integer rather than the NaN that charCodeAt returns past the
 * end: V8 keeps loops over integers on its fast path, and NaN would turn them into float code.
 */
export const EOF = -1;
export const NUL = 0x00;
export const TAB = 0x09;
export const LF = 0x0a;
export const VT = 0x0b;
export const FF = 0x0c;
export const CR = 0x0d;
export const SPACE = 0x20;
export const DOUBLE_QUOTE = 0x22;
export const HASH = 0x23;
export const DOLLAR = 0x24;
export const PERCENT = 0x25;
export const QUOTE = 0x27;
export const OPEN_PAREN = 0x28;
export const CLOSE_PAREN = 0x29;
export const STAR = 0x2a;
export const PLUS = 0x2b;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const DIGIT0 = 0x30;
export const DIGIT9 = 0x39;
export const COLON = 0x3a;
export const LESS = 0x3c;
export const GREATER = 0x3e;
export const UPPER_A = 0x41;
export const UPPER_E = 0x45;
export const UPPER_P = 0x50;
export const UPPER_Z = 0x5a;
export const BACKSLASH = 0x5c;
export const UNDERSCORE = 0x5f;
export const LOWER_A = 0x61;
export const LOWER_E = 0x65;
export const LOWER_P = 0x70;
export const LOWER_Z = 0x7a;
/** The byte-order mark GCC skips at the start of a file. */
export const BOM = 0xfeff;

/**
 * Blanks inside a line. GCC ignores NUL characters (with a warning) as if they were spaces, so a
 * NUL before `#` must not stop the scanner from seeing a directive the compiler will obey.
 */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === FF || c === VT || c === NUL;
}

export function isLineEnd(c: number): boolean {
  return c === LF || c === CR;
}

export function isDigit(c: number): boolean {
  return c >= DIGIT0 && c <= DIGIT9;
}

const IDENTIFIER_START = 1;
const IDENTIFIER_PART = 2;

/** ASCII classes by table: the scanner asks for every character, and one load beats five comparisons. */
const ASCII_CLASS = (() => {
  const table = new Uint8Array(128);
  const mark = (from: number, to: number, bits: number) => {
    for (let c = from; c <= to; c++) table[c] |= bits;
  };
  mark(LOWER_A, LOWER_Z, IDENTIFIER_START | IDENTIFIER_PART);
  mark(UPPER_A, UPPER_Z, IDENTIFIER_START | IDENTIFIER_PART);
  mark(UNDERSCORE, UNDERSCORE, IDENTIFIER_START | IDENTIFIER_PART);
  mark(DOLLAR, DOLLAR, IDENTIFIER_START | IDENTIFIER_PART);
  mark(DIGIT0, DIGIT9, IDENTIFIER_PART);
  return table;
})();

/**
 * GCC accepts `$` and (since GCC 10) UTF-8 letters in identifiers. Counting every non-ASCII code
 * unit as a letter can only make an identifier longer than the compiler would, never hide one:
 * a character the compiler rejects stops compilation anyway.
 */
export function isIdentifierStart(c: number): boolean {
  return c >= 0x80 || (c >= 0 && (ASCII_CLASS[c] & IDENTIFIER_START) !== 0);
}

export function isIdentifierPart(c: number): boolean {
  return c >= 0x80 || (c >= 0 && (ASCII_CLASS[c] & IDENTIFIER_PART) !== 0);
}
