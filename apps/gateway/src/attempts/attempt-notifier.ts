import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, attemptChannel, REDIS } from '@wb/common';
import Redis from 'ioredis';

type Listener = () => void;

/**
 * "This attempt changed" across gateways, as {@link AttemptReports} announces it. The process that
 * applies a report is often not the gateway holding the student's event stream, so changes go
 * through Redis pub/sub: one
 * subscriber connection per process (a connection in subscribe mode can do nothing else),
 * subscribed to a channel only while some local stream listens to that attempt. Messages carry
 * no data: listeners re-read the attempt, so the database stays the only source of truth.
 */
@Injectable()
export class AttemptNotifier implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(AttemptNotifier.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscriber?: Redis;
  /** Ends each open event stream; see {@link beforeApplicationShutdown}. */
  private readonly streams = new Set<() => void>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private channel(attemptId: string): string {
    return attemptChannel(this.config.REDIS_PREFIX, attemptId);
  }

  /** Resolves once the subscription is active, so a change after it is never missed. */
  async listen(attemptId: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(attemptId);
    if (!set) {
      set = new Set();
      this.listeners.set(attemptId, set);
    }
    set.add(listener);
    await this.connection().subscribe(this.channel(attemptId));
    return () => this.unlisten(attemptId, listener);
  }

  private unlisten(attemptId: string, listener: Listener): void {
    const set = this.listeners.get(attemptId);
    if (!set?.delete(listener) || set.size) return;
    this.listeners.delete(attemptId);
    this.subscriber?.unsubscribe(this.channel(attemptId)).catch(() => undefined);
  }

  /** Registers an open stream's way to end itself; returns its deregistration. */
  track(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  /**
   * A stream stays open until its attempt finishes, which would keep the HTTP server from
   * closing; ending them first lets the gateway stop at once, and the browsers' EventSource
   * reconnects (to another gateway) and gets the current status again.
   */
  beforeApplicationShutdown(): void {
    for (const end of [...this.streams]) end();
  }

  private connection(): Redis {
    if (!this.subscriber) {
      const prefix = `${this.config.REDIS_PREFIX}:attempt:`;
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('message', (channel: string) => {
        if (!channel.startsWith(prefix)) return;
        for (const listener of this.listeners.get(channel.slice(prefix.length)) ?? []) listener();
      });
      this.subscriber.on('error', (err: Error) => this.logger.warn(`subscriber: ${err.message}`));
    }
    return this.subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
