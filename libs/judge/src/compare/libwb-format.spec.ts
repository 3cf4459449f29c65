import { FormatError } from './format-error';
import { numericFormatOf, parseDelimited, parseNumberToken, parseNumeric, parseRaw } from './libwb-format';

describe('parseRaw', () => {
  it('reads a vector: the length, then the values', () => {
    expect(parseRaw('3\n1.5\n-2\n0.1\n')).toEqual({ rows: 3, cols: 1, values: [1.5, -2, 0.1] });
  });

  it('reads a matrix row by row from a Buffer', () => {
    expect(parseRaw(Buffer.from('2 3\n1 2 3\n4 5 6\n'))).toEqual({ rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6] });
  });

  it('takes any whitespace layout, CRLF, signs, exponents and special values', () => {
    const data = parseRaw('  5 \r\n+1 2e1\r\n\r\n\t-3.5 nan\n-inf\n');
    expect(data.rows).toBe(5);
    expect(data.values.slice(0, 3)).toEqual([1, 20, -3.5]);
    expect(data.values[3]).toBeNaN();
    expect(data.values[4]).toBe(-Infinity);
  });

  it('reads an empty vector', () => {
    expect(parseRaw('0\n')).toEqual({ rows: 0, cols: 1, values: [] });
  });

  it.each([
    ['', 'the file is empty'],
    ['  \n\n', 'the file is empty'],
    ['abc\n1\n', 'the first line must be `rows` or `rows cols` (non-negative integers), found "abc"'],
    ['-3\n1 2 3\n', 'found "-3"'],
    ['1.5\n1\n', 'found "1.5"'],
    ['1 2 3\n1 2 3 4 5 6\n', 'found "1 2 3"'],
    ['\n3\n1 2 3\n', 'found ""'],
    ['100\n' + '1\n'.repeat(99), 'expected 100 values, found 99'],
    ['2\n1 2 3\n', 'expected 2 values, found 3'],
    ['2 2\n1 2\n3\n', 'expected 4 values, found 3'],
    ['3\n1\n2\nx3\n', 'value 2 (line 4): "x3" is not a number'],
    ['2\n0x10 1\n', 'value 0 (line 2): "0x10" is not a number'],
    ['1\n1,5\n', '"1,5" is not a number'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseRaw(text)).toThrow(FormatError);
    expect(() => parseRaw(text)).toThrow(message);
  });

  it('does not allocate for a huge header with little data', () => {
    expect(() => parseRaw('1000000000 1000000000\n1\n')).toThrow('expected 1000000000000000000 values, found 1');
  });
});

describe('parseDelimited', () => {
  it('reads csv rows, cells trimmed', () => {
    expect(parseDelimited('1, 2,3\r\n4,5 ,6\n\n', ',')).toEqual({ rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6] });
  });

  it('reads tsv', () => {
    expect(parseDelimited('1\t2\n3\t4\n', '\t')).toEqual({ rows: 2, cols: 2, values: [1, 2, 3, 4] });
  });

  it('reads an empty file as an empty matrix', () => {
    expect(parseDelimited('', ',')).toEqual({ rows: 0, cols: 0, values: [] });
  });

  it.each([
    ['1,2,3\n4,5\n', 'line 2 has 2 values, expected 3 like the first line'],
    ['1,2\n\n3,4\n', 'line 2 is empty'],
    ['1,,3\n', 'value 1 (line 1, column 2): "" is not a number'],
    ['1,a\n', 'value 1 (line 1, column 2): "a" is not a number'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseDelimited(text, ',')).toThrow(new FormatError(message));
  });
});

describe('numericFormatOf / parseNumeric', () => {
  it('picks the format by extension, raw by default', () => {
    expect(numericFormatOf('output.csv')).toBe('csv');
    expect(numericFormatOf('OUTPUT.TSV')).toBe('tsv');
    expect(numericFormatOf('output.raw')).toBe('raw');
    expect(numericFormatOf('output.dat')).toBe('raw');
    expect(numericFormatOf(undefined)).toBe('raw');
    expect(parseNumeric('1,2\n', 'csv').values).toEqual([1, 2]);
    expect(parseNumeric('1\t2\n', 'tsv').values).toEqual([1, 2]);
  });
});

describe('parseNumberToken', () => {
  it('accepts libwb numbers only', () => {
    expect(parseNumberToken('-0')).toBe(-0);
    expect(parseNumberToken('.5')).toBe(0.5);
    expect(parseNumberToken('5.')).toBe(5);
    expect(parseNumberToken('1E-3')).toBe(0.001);
    expect(parseNumberToken('INF')).toBe(Infinity);
    expect(parseNumberToken('-infinity')).toBe(-Infinity);
    expect(parseNumberToken('-nan')).toBeNaN();
    for (const bad of ['', '.', 'e5', '1e', '1_000', '0x1', '--1', 'Infinityx', ' 1']) expect(parseNumberToken(bad)).toBeUndefined();
  });
});
