/**
 * The figures of one timed run: the median of the runs' times (robust to one run disturbed by
 * the host), and their spread, so a reader sees how far the median can be trusted.
 */
export interface TimingFigure {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** (max - min) / median: 0.04 reads "the runs lay within 4 % of the figure". */
  spread: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function timingFigure(timesMs: readonly number[]): TimingFigure {
  const medianMs = median(timesMs);
  const minMs = Math.min(...timesMs);
  const maxMs = Math.max(...timesMs);
  return { medianMs, minMs, maxMs, spread: medianMs > 0 ? (maxMs - minMs) / medianMs : 0 };
}
