import type { KernelProfile } from './ncu-report';

/**
 * One line of advice per profiled kernel, picked by the first rule in {@link ADVICE_RULES} whose
 * condition holds. Simple on purpose: a student reads one sentence beside the figures that led to
 * it, and can check the rule against them. The thresholds are the rough ones of Nsight Compute's
 * own Speed Of Light guidance (above ~60 % of a peak a unit is the limit).
 */
export interface AdviceRule {
  name: string;
  applies(k: MeasuredKernel): boolean;
  advice(k: MeasuredKernel): string;
}

/** A kernel with the two shares every rule reads: DRAM (else all memory) and compute, in % of peak. */
export type MeasuredKernel = KernelProfile & { memory: number; compute: number };

const pct = (n: number | undefined) => `${Math.round(n ?? 0)} %`;

export const ADVICE_RULES: readonly AdviceRule[] = [
  {
    name: 'too-short',
    applies: (k) => k.durationUs !== undefined && k.durationUs < 5,
    advice: (k) => `too short to judge (${k.durationUs?.toFixed(1)} µs): launching costs about as much as the work; give it more data`,
  },
  {
    name: 'memory-bound-busy',
    applies: (k) => k.memory >= 60 && k.memory >= k.compute,
    advice: (k) =>
      `memory-bound at ${pct(k.memory)} of peak bandwidth: read each value fewer times (reuse it from shared memory or registers)`,
  },
  {
    name: 'compute-bound-busy',
    applies: (k) => k.compute >= 60,
    advice: (k) => `compute-bound at ${pct(k.compute)} of peak: fewer or cheaper instructions per element would help`,
  },
  {
    name: 'low-occupancy',
    applies: (k) => k.achievedOccupancy !== undefined && k.achievedOccupancy < 25,
    advice: (k) =>
      `low occupancy (${pct(k.achievedOccupancy)} achieved): more threads per block, more blocks, or fewer registers or less shared memory per thread`,
  },
  {
    name: 'memory-bound-idle',
    applies: (k) => k.memory >= k.compute,
    advice: (k) =>
      `memory-bound at ${pct(k.memory)} of peak bandwidth: check coalescing (neighbouring threads should read neighbouring addresses)`,
  },
  {
    name: 'latency-bound',
    applies: () => true,
    advice: (k) =>
      `latency-bound: neither memory (${pct(k.memory)}) nor compute (${pct(k.compute)}) is busy; give each thread more independent work`,
  },
];

/** The advice for a kernel, or undefined where ncu measured too little to say anything. */
export function profileAdvice(kernel: KernelProfile): string | undefined {
  const memory = kernel.dramThroughput ?? kernel.memoryThroughput;
  const compute = kernel.computeThroughput;
  if (memory === undefined || compute === undefined) return undefined;
  const k = { ...kernel, memory, compute };
  return ADVICE_RULES.find((rule) => rule.applies(k))?.advice(k);
}
