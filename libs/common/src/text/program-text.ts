/**
 * Everything a student's program produces (stdout, stderr, libwb's logs and timers, the
 * compiler's messages about its source, file names) is data: it may hold NUL, invalid UTF-8,
 * terminal escapes, very long lines or megabytes. This module is the one place that turns such
 * bytes into text every consumer can store and show: Postgres (text and jsonb refuse NUL and
 * lone surrogates), the HTML pages, JSON clients and the `wb` client in a terminal.
 */

/** The most bytes a text may keep: past it, the first part is kept and the rest only counted. */
export interface TextCap {
  maxBytes: number;
}

const REPLACEMENT = '\uFFFD';
/** Unicode's "control pictures": U+2400 + the code of a C0 control, U+2421 for DEL. */
const CONTROL_PICTURES_START = 0x2400;
const DEL_PICTURE = '\u2421';

/**
 * C0 controls other than tab and newline, DEL, C1 controls, lone surrogates and a carriage
 * return that is not part of "\r\n". Everything else (any printable character, in any script)
 * is kept as it is.
 */
const UNSAFE = /\r\n|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(match: string): string {
  if (match === '\r\n') return '\n';
  const code = match.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(CONTROL_PICTURES_START + code);
  if (code === 0x7f) return DEL_PICTURE;
  return REPLACEMENT; // a C1 control (a terminal reads U+009B as CSI) or a lone surrogate
}

/**
 * Text that is safe to store and show: NUL and the other controls become visible pictures
 * (␀, ␛, ␍ …), so a terminal escape is shown, never obeyed; invalid UTF-8 and lone surrogates
 * become U+FFFD. Tabs and newlines stay.
 */
export function displayableText(input: string | Buffer): string {
  const text = typeof input === 'string' ? input : input.toString('utf8'); // invalid sequences → U+FFFD
  return text.replace(UNSAFE, visible);
}

export interface CappedText {
  text: string;
  /** The length of the whole input in bytes (UTF-8), as produced: what a reader is told was cut. */
  bytes: number;
  truncated: boolean;
}

/** The input is the kept start of a stream that carried `bytes` bytes in all. */
export interface StreamHead {
  bytes: number;
  truncated: boolean;
}

/**
 * {@link displayableText} of at most `maxBytes` bytes (cut at a character boundary). A text that
 * was cut, here or earlier (`stream`), ends with a line saying how long the whole was.
 */
export function cappedText(input: string | Buffer, cap: TextCap, stream?: StreamHead): CappedText {
  const bytes = stream?.bytes ?? (typeof input === 'string' ? Buffer.byteLength(input) : input.length);
  const safe = Buffer.from(displayableText(input));
  if (!stream?.truncated && safe.length <= cap.maxBytes) return { text: safe.toString('utf8'), bytes, truncated: false };
  const kept = headOf(safe, cap.maxBytes);
  return { text: `${kept}\n… [truncated: ${bytes} bytes in all, the first ${Buffer.byteLength(kept)} shown]`, bytes, truncated: true };
}

/** The longest start of valid UTF-8 `bytes` that fits `maxBytes`, never splitting a character. */
function headOf(bytes: Buffer, maxBytes: number): string {
  let end = Math.min(maxBytes, bytes.length);
  while (end > 0 && end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--; // a continuation byte
  return bytes.subarray(0, end).toString('utf8');
}
