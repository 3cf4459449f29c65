import type { Queue } from 'bullmq';

/**
 * How long the queue's oldest waiting job has waited since it was added, in ms (0 when none
 * waits): how far its consumers are behind.
 */
export async function oldestWaitMs(queue: Queue, now = Date.now()): Promise<number> {
  const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
  return oldest ? Math.max(0, now - oldest.timestamp) : 0;
}
