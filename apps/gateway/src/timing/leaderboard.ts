import type { Timing } from '@wb/common';

/** What a leaderboard is made of: valid timings only (the repository reads no others). */
export type RankedTiming = Pick<
  Timing,
  'id' | 'userId' | 'reference' | 'medianMs' | 'minMs' | 'maxMs' | 'spread' | 'runs' | 'deviceModel' | 'hiddenReason' | 'createdAt'
>;

export interface LeaderboardEntry {
  rank: number;
  timingId: string;
  /** The student's chosen display name, or "anonymous". */
  name: string;
  medianMs: number;
  spread: number;
  runs: number;
  /** The student who asks sees their own row marked. */
  own: boolean;
  at: string;
}

export interface ReferenceLine {
  medianMs: number;
  spread: number;
  at: string;
}

export interface DeviceBoard {
  /** The GPU (or CPU) model every figure on this board was taken on. */
  device: string;
  /** The lab's own solution through the same protocol, or null until staff time it. */
  reference: ReferenceLine | null;
  entries: LeaderboardEntry[];
}

export const ANONYMOUS = 'anonymous';

/**
 * One board per device model: each student's best figure (the lowest median; the earlier one
 * on a tie), fastest first, ranked 1, 2, 2, 4 when figures tie; hidden figures are left out
 * (a hidden best leaves the student's next best in place). The reference line is the newest
 * reference timing of that model.
 */
export function leaderboards(timings: readonly RankedTiming[], names: ReadonlyMap<string, string>, viewerId: string): DeviceBoard[] {
  const byDevice = new Map<string, RankedTiming[]>();
  for (const t of timings) {
    if (t.hiddenReason !== null || t.medianMs === null || !t.deviceModel) continue;
    byDevice.set(t.deviceModel, [...(byDevice.get(t.deviceModel) ?? []), t]);
  }
  return [...byDevice.keys()].sort().map((device) => {
    const onDevice = byDevice.get(device) ?? [];
    return {
      device,
      reference: referenceLine(onDevice),
      entries: rankBest(
        onDevice.filter((t) => !t.reference),
        names,
        viewerId,
      ),
    };
  });
}

function referenceLine(timings: readonly RankedTiming[]): ReferenceLine | null {
  const newest = timings.filter((t) => t.reference).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return newest ? { medianMs: newest.medianMs as number, spread: newest.spread ?? 0, at: newest.createdAt.toISOString() } : null;
}

function rankBest(timings: readonly RankedTiming[], names: ReadonlyMap<string, string>, viewerId: string): LeaderboardEntry[] {
  const best = new Map<string, RankedTiming>();
  for (const t of timings) {
    const held = best.get(t.userId);
    if (!held || faster(t, held)) best.set(t.userId, t);
  }
  const ordered = [...best.values()].sort((a, b) => (faster(a, b) ? -1 : faster(b, a) ? 1 : 0));
  return ordered.map((t, i) => ({
    rank: i > 0 && ordered[i - 1].medianMs === t.medianMs ? ordered.findIndex((o) => o.medianMs === t.medianMs) + 1 : i + 1,
    timingId: t.id,
    name: names.get(t.userId) ?? ANONYMOUS,
    medianMs: t.medianMs as number,
    spread: t.spread ?? 0,
    runs: t.runs.length,
    own: t.userId === viewerId,
    at: t.createdAt.toISOString(),
  }));
}

function faster(a: RankedTiming, b: RankedTiming): boolean {
  const am = a.medianMs as number;
  const bm = b.medianMs as number;
  return am < bm || (am === bm && a.createdAt.getTime() < b.createdAt.getTime());
}
