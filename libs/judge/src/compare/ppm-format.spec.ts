import { FormatError } from './format-error';
import { parsePpm } from './ppm-format';

describe('parsePpm', () => {
  const ppm = (header: string, samples: number[]) => Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(samples)]);

  it('reads P6 with comments, samples scaled to [0, 1]', () => {
    const image = parsePpm(ppm('P6\n# made by hand\n2 1 # two pixels\n255\n', [0, 51, 255, 255, 0, 102]));
    expect(image).toMatchObject({ width: 2, height: 1, channels: 3, maxValue: 255 });
    expect(Array.from(image.values)).toEqual([0, 0.2, 1, 1, 0, 0.4]);
  });

  it('reads P5 (gray) and 16-bit samples', () => {
    const gray = parsePpm(ppm('P5 2 2 255\n', [0, 1, 2, 255]));
    expect(gray.channels).toBe(1);
    expect(gray.values[3]).toBe(1);
    const deep = parsePpm(ppm('P5 1 1 65535\n', [0x80, 0x00]));
    expect(deep.values[0]).toBeCloseTo(32768 / 65535, 12);
  });

  it.each([
    ['P3\n1 1\n255\n', [], 'only binary PPM is supported (P6 color, P5 gray), found "P3"'],
    ['P6\n1', [], 'the header ends before the height'],
    ['P6\n0 1\n255\n', [], 'the width must be an integer from 1 to 65536, found "0"'],
    ['P6\n1 1\n255\n', [1, 2], 'a 1 x 1 image with 3 channel(s) needs 3 bytes of pixel data, found 2'],
    ['P6\n1 1\n255\n', [1, 2, 3, 4], 'a 1 x 1 image with 3 channel(s) needs 3 bytes of pixel data, found 4'],
    ['P5\n1 1\n100\n', [101], 'sample 0 is 101, above the maximum value 100'],
  ])('rejects %j', (header, samples, message) => {
    expect(() => parsePpm(ppm(header, samples))).toThrow(new FormatError(message));
  });

  it('rejects an empty file', () => {
    expect(() => parsePpm(Buffer.alloc(0))).toThrow('the file is empty');
  });
});
