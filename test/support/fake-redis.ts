import type Redis from 'ioredis';

/**
 * The ioredis calls a session cache makes (SET and GETEX with EX, DEL, PUBLISH), in memory with
 * their expiry by `Date.now()`. `down` makes each call fail as a Redis out of reach does.
 */
export class FakeRedis {
  readonly values = new Map<string, { value: string; expiresAt: number }>();
  down = false;

  get client(): Redis {
    return this as unknown as Redis;
  }

  async set(key: string, value: string, _ex: 'EX', seconds: number): Promise<'OK'> {
    this.reachable();
    this.values.set(key, { value, expiresAt: Date.now() + seconds * 1000 });
    return 'OK';
  }

  async getex(key: string, _ex: 'EX', seconds: number): Promise<string | null> {
    this.reachable();
    const entry = this.live(key);
    if (entry) entry.expiresAt = Date.now() + seconds * 1000;
    return entry?.value ?? null;
  }

  /** Messages published, in order; no subscriber hears them. */
  readonly published: { channel: string; message: string }[] = [];

  async publish(channel: string, message: string): Promise<number> {
    this.reachable();
    this.published.push({ channel, message });
    return 0;
  }

  async del(...keys: string[]): Promise<number> {
    this.reachable();
    return keys.filter((key) => this.values.delete(key)).length;
  }

  private live(key: string): { value: string; expiresAt: number } | undefined {
    const entry = this.values.get(key);
    if (entry && entry.expiresAt <= Date.now()) this.values.delete(key);
    return this.values.get(key);
  }

  private reachable(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
  }
}
