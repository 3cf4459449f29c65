import type { DeviceFacts } from './device-facts';
import { TimingFigure, timingFigure } from './timing-stats';

/**
 * valid: every run was correct and the clocks held: the figure may enter the leaderboard.
 * void: a run gave a wrong answer (a program right only on the datasets it has seen earns no figure).
 * unstable: every run was correct, but the clock moved more than the lab allows between start and end.
 */
export const TIMING_STATUSES = ['valid', 'void', 'unstable'] as const;
export type TimingStatus = (typeof TIMING_STATUSES)[number];

/** One run of the program on fresh inputs. */
export interface TimedRun {
  seed: number;
  passed: boolean;
  /** The libwb timer the figure is made of; absent when the program recorded none. */
  timeMs?: number;
  /** Why a failed run failed, as the judge said it. */
  message: string;
}

export interface TimingVerdict {
  status: TimingStatus;
  /** Absent for a void run: no figure is made of wrong answers. */
  figure?: TimingFigure;
  /** Why the run is void or unstable, in a sentence for the student. */
  reason?: string;
}

/**
 * Whether the clock moved more than `maxDrift` (a share: 0.1 = 10 %) between the first and the
 * last reading. A missing reading (nvidia-smi could not read the clock) is not a drift.
 */
export function clockDrift(start: DeviceFacts, end: DeviceFacts): number | undefined {
  if (start.clockMhz === undefined || end.clockMhz === undefined || start.clockMhz <= 0) return undefined;
  return Math.abs(end.clockMhz - start.clockMhz) / start.clockMhz;
}

export function judgeTiming(runs: readonly TimedRun[], start: DeviceFacts, end: DeviceFacts, maxDrift: number): TimingVerdict {
  const wrong = runs.find((r) => !r.passed);
  if (wrong) return { status: 'void', reason: `the run on seed ${wrong.seed} was wrong: ${wrong.message}` };
  const untimed = runs.find((r) => r.timeMs === undefined);
  if (untimed || runs.length === 0)
    return { status: 'void', reason: 'the program recorded no Compute or GPU timer (wbTime_start/wbTime_stop around the kernel)' };
  const figure = timingFigure(runs.map((r) => r.timeMs as number));
  const drift = clockDrift(start, end);
  if (drift !== undefined && drift > maxDrift) {
    const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;
    return {
      status: 'unstable',
      figure,
      reason: `the clock moved ${percent(drift)} (${start.clockMhz} → ${end.clockMhz} MHz), more than the ${percent(maxDrift)} allowed`,
    };
  }
  return { status: 'valid', figure };
}

/**
 * The time one run is scored by: the sum of its top-level Compute and GPU timers (libwb's CUDA
 * build synchronizes the device at each stop, so a GPU timer covers the kernel's work). Nested
 * timers are inside their parent already and are not counted twice.
 */
export function scoredTimeMs(timers: readonly { kind: string; elapsedMs: number; parent: number | null }[]): number | undefined {
  const scored = timers.filter((t) => (t.kind === 'Compute' || t.kind === 'GPU') && (t.parent === null || t.parent === undefined));
  return scored.length === 0 ? undefined : scored.reduce((sum, t) => sum + t.elapsedMs, 0);
}
