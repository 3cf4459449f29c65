import { libwbInputs } from './libwb-inputs';

describe('libwbInputs', () => {
  it('lists the absolute input files of a libwb command line', () => {
    expect(libwbInputs(['-i', '/d/0/input0.raw,/d/0/input1.raw', '-o', '/r/output.raw', '-t', 'vector'])).toEqual([
      '/d/0/input0.raw',
      '/d/0/input1.raw',
    ]);
  });

  it('ignores relative paths and a missing value', () => {
    expect(libwbInputs(['-i', 'input0.raw,,/d/x'])).toEqual(['/d/x']);
    expect(libwbInputs(['-o', 'x', '-i'])).toEqual([]);
  });
});
