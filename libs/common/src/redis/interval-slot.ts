import type Redis from 'ioredis';

/**
 * Takes the one slot per interval that `key` names, atomically in Redis (SET NX PX), so it holds
 * across any number of gateways. Returns 0 when taken, else the milliseconds left to wait; an
 * interval of 0 always allows.
 */
export async function takeIntervalSlot(redis: Redis, key: string, intervalMs: number): Promise<number> {
  if (intervalMs === 0) return 0;
  if ((await redis.set(key, '1', 'PX', intervalMs, 'NX')) === 'OK') return 0;
  const left = await redis.pttl(key);
  return left > 0 ? left : 1; // expired between the two calls: a retry right away succeeds
}
