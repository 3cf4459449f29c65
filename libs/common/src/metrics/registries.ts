import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * This process's own series: what it recorded (attempts, compiles, saves, …) and Node's process
 * metrics. A gateway's processes each keep theirs, and /metrics sums them over the cluster.
 */
export const processRegistry = new Registry();

/**
 * Series read from state every process shares (the queues in Redis, the workers in Postgres), on
 * each scrape and by the one process that answers it: they are the same whichever process reads
 * them, so they are never summed over a cluster. Only the gateway fills it.
 */
export const sharedStateRegistry = new Registry();

let collecting = false;

/** Node's own series (CPU, memory, event loop lag, GC, handles), from when the process serves /metrics; once. */
export function collectProcessMetrics(): void {
  if (collecting) return;
  collecting = true;
  collectDefaultMetrics({ register: processRegistry });
}
