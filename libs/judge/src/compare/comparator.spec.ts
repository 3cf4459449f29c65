import { compareOutput, CompareOptions } from './comparator';
import { FormatError } from './format-error';
import { MISMATCHES_LISTED } from './mismatches';

const vector = (values: (number | string)[]) => `${values.length}\n${values.join('\n')}\n`;
const vec: CompareOptions = { outputType: 'vector' };

describe('compareOutput: vectors', () => {
  it('passes identical outputs', () => {
    expect(compareOutput(vector([1, 2, 3]), vector([1, 2, 3]), vec)).toEqual({
      passed: true,
      message: 'all 3 values match (tolerance 0.2)',
    });
  });

  it('names both sizes when they differ', () => {
    expect(compareOutput(vector(Array(100).fill(0)), vector(Array(99).fill(0)), vec)).toEqual({
      passed: false,
      message: 'expected 100 elements, got 99',
    });
  });

  it('names the first mismatch with its index, and lists every mismatch with its difference', () => {
    expect(compareOutput(vector([0, 0, 0, 1.5, 0]), vector([0, 0, 0, 2.75, 9]), vec)).toEqual({
      passed: false,
      message: 'mismatch at index 3: expected 1.5, got 2.75',
      mismatches: {
        total: 2,
        first: [
          { index: 3, expected: '1.5', actual: '2.75', difference: 1.25 },
          { index: 4, expected: '0', actual: '9', difference: 9 },
        ],
      },
    });
  });

  it('lists the first 10 mismatches of a huge wrong output and counts all of them', () => {
    const n = 200_000;
    const result = compareOutput(vector(Array(n).fill(1)), vector(Array(n).fill(3.5)), vec);
    expect(result.mismatches?.total).toBe(n);
    expect(result.mismatches?.first).toHaveLength(MISMATCHES_LISTED);
    expect(result.mismatches?.first.map((m) => m.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.message).toBe('mismatch at index 0: expected 1, got 3.5');
  });

  it('gives a difference without binary noise, and none where it means nothing', () => {
    const [close, nan, inf] = compareOutput(vector([3.5, 1, 'inf']), vector([3.19, 'nan', 1]), vec).mismatches!.first;
    expect(close.difference).toBe(-0.31);
    expect(nan).toEqual({ index: 1, expected: '1', actual: 'nan', difference: undefined });
    expect(inf.difference).toBeUndefined();
  });

  it('passes a difference of exactly the tolerance, on either side and at any magnitude', () => {
    const expected = vector([1.5, 0, 100, -3, 1e6]);
    expect(compareOutput(expected, vector([1.7, 0.2, 100.2, -3.2, 1000000.2]), vec).passed).toBe(true);
    expect(compareOutput(expected, vector([1.3, -0.2, 99.8, -2.8, 999999.8]), vec).passed).toBe(true);
  });

  it('fails a difference just over the tolerance', () => {
    expect(compareOutput(vector([1.5, 0]), vector([1.7001, 0]), vec).message).toBe('mismatch at index 0: expected 1.5, got 1.7001');
    expect(compareOutput(vector([1.5, 0]), vector([1.5, 0.2001]), vec).message).toBe('mismatch at index 1: expected 0, got 0.2001');
    expect(compareOutput(vector([100]), vector([100.2001]), vec).passed).toBe(false);
  });

  it('uses the lab tolerance when given', () => {
    expect(compareOutput(vector([1]), vector([1.05]), { ...vec, tolerance: 0.01 }).passed).toBe(false);
    expect(compareOutput(vector([1]), vector([1.01]), { ...vec, tolerance: 0.01 }).passed).toBe(true);
    expect(compareOutput(vector([1]), vector([1]), { ...vec, tolerance: 0 }).passed).toBe(true);
    expect(() => compareOutput(vector([1]), vector([1]), { ...vec, tolerance: -1 })).toThrow(RangeError);
  });

  it('never matches NaN, not even an expected NaN', () => {
    expect(compareOutput(vector([1, 2]), vector([1, 'nan']), vec).message).toBe('mismatch at index 1: expected 2, got nan');
    expect(compareOutput(vector(['nan']), vector(['nan']), vec).passed).toBe(false);
    expect(compareOutput(vector(['nan']), vector([0]), vec).passed).toBe(false);
  });

  it('matches an infinity only with the same infinity', () => {
    expect(compareOutput(vector(['inf', '-inf']), vector(['inf', '-inf']), vec).passed).toBe(true);
    expect(compareOutput(vector(['inf']), vector([3.4e38]), vec).message).toBe('mismatch at index 0: expected inf, got 3.4e+38');
    expect(compareOutput(vector(['inf']), vector(['-inf']), vec).passed).toBe(false);
  });

  it('treats 0 and -0 as equal', () => {
    expect(compareOutput(vector([0, -0.1]), vector(['-0', '-0.1']), vec).passed).toBe(true);
    expect(compareOutput(vector(['-0']), vector([0.2]), vec).passed).toBe(true);
  });

  it('accepts a vector written as an n x 1 matrix', () => {
    expect(compareOutput(vector([1, 2]), '2 1\n1\n2\n', vec).passed).toBe(true);
  });

  it('accepts Buffers', () => {
    expect(compareOutput(Buffer.from(vector([1])), Buffer.from(vector([1.1])), vec).passed).toBe(true);
  });
});

describe('compareOutput: malformed output', () => {
  it.each([
    ['', 'output is not a valid vector file: the file is empty'],
    ['three\n1 2 3\n', 'output is not a valid vector file: the first line must be `rows` or `rows cols`'],
    ['3\n1 2\n', 'output is not a valid vector file: expected 3 values, found 2'],
    ['3\n1 two 3\n', 'output is not a valid vector file: value 1 (line 2): "two" is not a number'],
    ['\u0000\u0001\u00ff garbage', 'output is not a valid vector file'],
  ])('fails %j without throwing', (actual, message) => {
    const result = compareOutput(vector([1, 2, 3]), actual, vec);
    expect(result.passed).toBe(false);
    expect(result.message).toContain(message);
  });

  it('throws FormatError when the lab’s expected output is broken', () => {
    expect(() => compareOutput('x\n', vector([1]), vec)).toThrow(FormatError);
    expect(() => compareOutput('x\n', vector([1]), vec)).toThrow('the expected output is not a valid vector file');
  });
});

describe('compareOutput: integers', () => {
  it.each(['integral_vector', 'histogram'] as const)('compares %s exactly', (outputType) => {
    expect(compareOutput(vector([1, 2, 3]), vector([1, 2, 3]), { outputType })).toEqual({
      passed: true,
      message: 'all 3 values match exactly',
    });
    expect(compareOutput(vector([1, 2, 3]), vector([1, 2, 4]), { outputType }).message).toBe('mismatch at index 2: expected 3, got 4');
    // Even a tolerance given for the lab does not loosen integer outputs.
    expect(compareOutput(vector([3]), vector([3.1]), { outputType, tolerance: 0.2 }).passed).toBe(false);
    expect(compareOutput(vector([0]), vector(['-0']), { outputType }).passed).toBe(true);
    expect(compareOutput(vector([4294967295]), vector([4294967295]), { outputType }).passed).toBe(true);
  });

  it('names the kind of file in parse errors', () => {
    expect(compareOutput(vector([1]), '', { outputType: 'histogram' }).message).toBe(
      'output is not a valid histogram file: the file is empty',
    );
  });
});

describe('compareOutput: matrices', () => {
  const mat: CompareOptions = { outputType: 'matrix' };
  const expected = '2 3\n1 2 3\n4 5 6\n';

  it('passes an equal matrix', () => {
    expect(compareOutput(expected, '2 3\n1 2 3\n4 5 6.1\n', mat).passed).toBe(true);
  });

  it('names the row and column of a mismatch', () => {
    const result = compareOutput(expected, '2 3\n1 2 3\n4 5 7\n', mat);
    expect(result.message).toBe('mismatch at row 1, col 2 (index 5): expected 6, got 7');
    expect(result.mismatches).toEqual({
      total: 1,
      first: [{ index: 5, where: 'row 1, col 2', expected: '6', actual: '7', difference: 1 }],
    });
  });

  it('names both shapes when they differ, even with the same element count', () => {
    expect(compareOutput(expected, '3 2\n1 2\n3 4\n5 6\n', mat).message).toBe('expected a 2 x 3 matrix (rows x cols), got 3 x 2');
  });
});

describe('compareOutput: csv and tsv', () => {
  it('reads both files in the format of the expected file name', () => {
    const opts: CompareOptions = { outputType: 'matrix', fileName: 'output.csv' };
    expect(compareOutput('1,2\n3,4\n', '1,2\n3,4.1\n', opts).passed).toBe(true);
    expect(compareOutput('1,2\n3,4\n', '1,2\n3,5\n', opts).message).toBe('mismatch at row 1, col 1 (index 3): expected 4, got 5');
    expect(compareOutput('1,2\n3,4\n', '1,2\n3\n', opts).message).toBe(
      'output is not a valid matrix file: line 2 has 1 values, expected 2 like the first line',
    );
    expect(compareOutput('1\t2\n', '1\t2\n', { outputType: 'vector', fileName: 'output.tsv' }).passed).toBe(true);
  });
});

describe('compareOutput: images', () => {
  const ppm = (width: number, height: number, samples: number[]) =>
    Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), Buffer.from(samples)]);
  const img: CompareOptions = { outputType: 'image' };

  it('passes within two 8-bit levels per channel by default', () => {
    expect(compareOutput(ppm(1, 2, [10, 20, 30, 40, 50, 60]), ppm(1, 2, [12, 18, 30, 40, 50, 60]), img)).toEqual({
      passed: true,
      message: 'all 2 pixels match (tolerance 0.0078 per channel)',
    });
  });

  it('names the pixel and channel of a mismatch, its difference in levels', () => {
    const result = compareOutput(ppm(2, 2, Array(12).fill(128)), ppm(2, 2, [...Array(10).fill(128), 64, 128]), img);
    expect(result.message).toBe('mismatch at pixel (x 1, y 1), channel 1 (index 10): expected 0.502 (128/255), got 0.251 (64/255)');
    expect(result.mismatches).toEqual({
      total: 1,
      first: [{ index: 10, where: 'pixel (x 1, y 1), channel 1', expected: '0.502 (128/255)', actual: '0.251 (64/255)', difference: -64 }],
    });
  });

  it('uses the lab tolerance when given', () => {
    expect(compareOutput(ppm(1, 1, [0, 0, 0]), ppm(1, 1, [25, 0, 0]), { ...img, tolerance: 0.1 }).passed).toBe(true);
    expect(compareOutput(ppm(1, 1, [0, 0, 0]), ppm(1, 1, [1, 0, 0]), { ...img, tolerance: 0 }).passed).toBe(false);
  });

  it('names both sizes when they differ', () => {
    expect(compareOutput(ppm(2, 1, Array(6).fill(0)), ppm(1, 2, Array(6).fill(0)), img).message).toBe(
      'expected a 2 x 1 with 3 channel(s) image, got 1 x 2 with 3 channel(s)',
    );
  });

  it('fails an output that is not a PPM image', () => {
    expect(compareOutput(ppm(1, 1, [0, 0, 0]), '3\n1\n2\n3\n', img)).toEqual({
      passed: false,
      message: 'output is not a valid PPM image: only binary PPM is supported (P6 color, P5 gray), found "3"',
    });
  });
});

describe('compareOutput: text and none', () => {
  const text: CompareOptions = { outputType: 'text' };

  it('ignores CRLF and trailing whitespace', () => {
    expect(compareOutput('a b\nc\n', 'a b  \r\nc\r\n\r\n\n', text)).toEqual({ passed: true, message: 'all 2 line(s) match' });
  });

  it('keeps leading whitespace and case significant', () => {
    expect(compareOutput('a\n', ' a\n', text).message).toBe('line 1: expected "a", got " a"');
    expect(compareOutput('Device 0\n', 'device 0\n', text).passed).toBe(false);
  });

  it('says when the output is too short or too long', () => {
    expect(compareOutput('a\nb\n', 'a\n', text).message).toBe('line 2: expected "b", but the output ends after 1 line(s)');
    expect(compareOutput('a\n', 'a\nb\n', text).message).toBe('line 2: expected the end of the output, got "b"');
  });

  it('lists the differing lines and counts them', () => {
    const result = compareOutput('a\nb\nc\nd\n', 'a\nB\nc\n', text);
    expect(result.message).toBe('line 2: expected "b", got "B"');
    expect(result.mismatches).toEqual({
      total: 2,
      first: [
        { index: 1, where: 'line 2', expected: '"b"', actual: '"B"' },
        { index: 3, where: 'line 4', expected: '"d"', actual: '(end of the output)' },
      ],
    });
  });

  it('always passes "none"', () => {
    expect(compareOutput('', 'anything', { outputType: 'none' })).toEqual({ passed: true, message: 'this lab does not check the output' });
  });
});
