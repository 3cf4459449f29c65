import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('shows a millisecond and more in ms, to three significant digits', () => {
    expect(formatDuration(1.25)).toBe('1.25 ms');
    expect(formatDuration(12.34)).toBe('12.3 ms');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1534.4)).toBe('1534 ms');
  });

  it('shows less than a millisecond in µs, and less than a microsecond in ns, never "0.00 ms"', () => {
    expect(formatDuration(0.85)).toBe('850 µs');
    expect(formatDuration(0.0125)).toBe('12.5 µs');
    expect(formatDuration(0.0034)).toBe('3.40 µs');
    expect(formatDuration(0.000042)).toBe('42 ns');
    expect(formatDuration(0)).toBe('0 ns');
  });

  it('moves to the larger unit where rounding would reach 1000', () => {
    expect(formatDuration(0.9997)).toBe('1.00 ms');
    expect(formatDuration(0.0009997)).toBe('1.00 µs');
  });

  it('shows a dash for what is not a time', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });
});
