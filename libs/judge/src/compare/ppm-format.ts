import { FormatError } from './format-error';

/** A libwb image: channel values in [0, 1], interleaved as `(y * width + x) * channels + c`. */
export interface PpmImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** The file's maximum sample value (255 for 8-bit images): values are samples / maxValue. */
  maxValue: number;
  values: Float64Array;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/**
 * Binary PPM as libwb reads and writes it: `P6` (3 channels) or `P5` (1 channel), width, height
 * and maximum value separated by whitespace with `#` comments, one whitespace byte, then the
 * samples (one byte each, or two big-endian bytes when the maximum exceeds 255).
 * A string is taken byte for byte (latin1), as PPM is binary.
 */
export function parsePpm(input: Buffer | string): PpmImage {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  if (bytes.length === 0) throw new FormatError('the file is empty');
  let pos = 0;

  const nextToken = (what: string): string => {
    for (;;) {
      while (pos < bytes.length && WHITESPACE.has(bytes[pos])) pos++;
      if (bytes[pos] !== 0x23 /* # */) break;
      while (pos < bytes.length && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !WHITESPACE.has(bytes[pos]) && bytes[pos] !== 0x23) pos++;
    if (start === pos) throw new FormatError(`the header ends before the ${what}`);
    return bytes.toString('latin1', start, pos);
  };
  const nextNumber = (what: string, max: number): number => {
    const token = nextToken(what);
    const value = /^\d{1,9}$/.test(token) ? Number(token) : NaN;
    if (!(value >= 1 && value <= max)) throw new FormatError(`the ${what} must be an integer from 1 to ${max}, found "${token}"`);
    return value;
  };

  const magic = nextToken('magic number');
  if (magic !== 'P5' && magic !== 'P6') {
    throw new FormatError(`only binary PPM is supported (P6 color, P5 gray), found "${magic.slice(0, 10)}"`);
  }
  const channels = magic === 'P6' ? 3 : 1;
  const width = nextNumber('width', 1 << 16);
  const height = nextNumber('height', 1 << 16);
  const maxValue = nextNumber('maximum value', 65535);
  if (!WHITESPACE.has(bytes[pos])) throw new FormatError('the maximum value must be followed by one whitespace byte');
  pos++;

  const bytesPerSample = maxValue > 255 ? 2 : 1;
  const samples = width * height * channels;
  const expectedBytes = samples * bytesPerSample;
  const found = bytes.length - pos;
  if (found !== expectedBytes) {
    throw new FormatError(
      `a ${width} x ${height} image with ${channels} channel(s) needs ${expectedBytes} bytes of pixel data, found ${found}`,
    );
  }
  const values = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const sample = bytesPerSample === 1 ? bytes[pos + i] : bytes.readUInt16BE(pos + 2 * i);
    if (sample > maxValue) throw new FormatError(`sample ${i} is ${sample}, above the maximum value ${maxValue}`);
    values[i] = sample / maxValue;
  }
  return { width, height, channels, maxValue, values };
}
