import type { Timing } from '@wb/common';

/** A timing as the API shows it to its student (and to staff). */
export function timingView(t: Timing) {
  return {
    id: t.id,
    mpId: t.mpId,
    reference: t.reference,
    state: t.state,
    status: t.status,
    reason: t.reason,
    medianMs: t.medianMs,
    minMs: t.minMs,
    maxMs: t.maxMs,
    spread: t.spread,
    runs: t.runs,
    deviceModel: t.deviceModel,
    deviceStart: t.deviceStart,
    deviceEnd: t.deviceEnd,
    hiddenReason: t.hiddenReason,
    createdAt: t.createdAt,
    finishedAt: t.finishedAt,
  };
}

/** "1.234 ms", three decimals: libwb's timers resolve to microseconds. */
export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : `${ms.toFixed(3)} ms`;
}

/** The spread as a share of the median: "± 4.2 %". */
export function formatSpread(spread: number | null | undefined): string {
  return spread === null || spread === undefined ? '—' : `${(spread * 100).toFixed(1)} %`;
}
