/** Three significant digits without an exponent: 850, 12.5, 1.25. */
function threeDigits(n: number): string {
  return n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2);
}

/**
 * A time in milliseconds as the pages show it: in milliseconds from one up ("1.25 ms",
 * "12.3 ms", "1534 ms"), in microseconds below ("850 µs", "3.40 µs"), in nanoseconds below a
 * microsecond ("42 ns"), so that a short libwb timer never reads "0.00 ms".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  // The thresholds sit half a unit of the last digit low, so that 999.7 µs reads "1.00 ms", not "1000 µs".
  if (ms >= 0.9995) return `${ms >= 1000 ? Math.round(ms) : threeDigits(ms)} ms`;
  if (ms >= 0.0009995) return `${threeDigits(ms * 1000)} µs`;
  return `${Math.round(ms * 1e6)} ns`;
}
