import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@wb/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

const PROBE_TIMEOUT_MS = 2_000;

/** Whether this gateway reaches Postgres and Redis now: 'ok', or why not, each within 2 s. */
@Injectable()
export class DependencyHealth {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<{ postgres: string; redis: string }> {
    const [postgres, redis] = await Promise.all([probe(() => this.dataSource.query('SELECT 1')), probe(() => this.redis.ping())]);
    return { postgres, redis };
  }
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS)));
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  } finally {
    clearTimeout(timer);
  }
}
