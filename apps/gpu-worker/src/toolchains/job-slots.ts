import { Toolchain, toolchainSpec } from '@wb/common';
import { availableParallelism } from 'node:os';

/** How many jobs of each served toolchain's queue run at once. */
export type JobSlots = Partial<Record<Toolchain, number>>;

/**
 * One box per core for a CPU toolchain and one per GPU for a GPU toolchain,
 * unless WORKER_CONCURRENCY says otherwise: a program that takes its whole time limit occupies
 * one slot, and the next student's run takes another.
 */
export function jobSlots(toolchains: Toolchain[], gpuCount: number, configured?: number): JobSlots {
  const slots: JobSlots = {};
  for (const t of toolchains) slots[t] = configured ?? (toolchainSpec(t).device === 'gpu' ? Math.max(1, gpuCount) : availableParallelism());
  return slots;
}

/** Jobs the worker runs at once, over every queue it serves. */
export function totalSlots(slots: JobSlots): number {
  return Object.values(slots).reduce((sum, n) => sum + (n ?? 0), 0);
}

/**
 * The sandbox uids a root worker needs: one per box that can run at once (every job slot, a
 * direct compile and the start-up check), at least the 8 it always had.
 */
export function sandboxUidCount(slots: JobSlots, configured?: number): number {
  return configured ?? Math.max(8, totalSlots(slots) + 2);
}
