import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, REDIS } from '@wb/common';
import Redis from 'ioredis';
import type { RequestUser } from './authenticated-request';

/**
 * How long this process answers a session from its own memory at most (never past the session's
 * next check in Postgres, which SessionsService asks for once a minute). It bounds nothing a
 * student can see: a sign-out or a new role reaches every gateway through the revocation channel,
 * and while that channel is down nothing is answered from memory. An autosave every few seconds
 * then costs one lookup in Redis a minute.
 */
const MEMO_MS = 60_000;
/** Sessions held at most (a class at a deadline fits; the oldest go first beyond that). */
const MEMO_MAX = 50_000;

interface Memo {
  user: RequestUser;
  /** The session's HMAC, the name sign-outs use. */
  mac: string;
  until: number;
}

/** What a revocation message names: one session (its HMAC), or every session of a user. */
type Revocation = { mac: string } | { userId: string };

/**
 * The sessions this gateway process served in the last minute, by the cookie's value, so that
 * an autosave every few seconds costs neither a Redis round trip nor an HMAC (the largest parts
 * of a signed-in request after the HTTP layer itself). Correctness rests on the revocation
 * channel: a sign-out or a role change, on any gateway, is published on Redis, and every process
 * drops what it holds of that session or user as the message arrives (the publishing process at
 * once, the others within a Redis message's delivery, milliseconds). Messages sent while a
 * process's subscriber is disconnected are lost, so from the moment it disconnects until it has
 * subscribed again the memo is empty and unused.
 */
@Injectable()
export class SessionMemo implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionMemo.name);
  private readonly entries = new Map<string, Memo>();
  private subscriber?: Redis;
  /** True only while subscribed: a revocation published now reaches this process. */
  private listening = false;
  /** Counts revocations (and lapses of the channel) seen by this process; see {@link put}. */
  private generation = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private get channel(): string {
    return `${this.config.REDIS_PREFIX}:session-revoked`;
  }

  onModuleInit(): void {
    // Named, so that an operator (or a test) can find it in CLIENT LIST; a name cannot hold spaces.
    const name = `${this.config.REDIS_PREFIX}:session-revocations`.replace(/[^\w:.-]/g, '_');
    const subscriber = this.redis.duplicate({ connectionName: name });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.apply(message);
    });
    subscriber.on('close', () => this.stopTrusting());
    // After a reconnection: subscribe again (ioredis would too) and trust the memo once that is done.
    subscriber.on('ready', () => void this.subscribe());
    subscriber.on('error', (err: Error) => this.logger.warn(`revocation subscriber: ${err.message}`));
  }

  /** Whether sessions may be answered from memory now: the revocation channel is subscribed. */
  get isListening(): boolean {
    return this.listening;
  }

  /** The session's user, if this process served it a moment ago and nothing revoked it since. */
  get(sessionId: string): RequestUser | null {
    if (!this.listening) return null;
    const memo = this.entries.get(sessionId);
    if (!memo) return null;
    if (memo.until > Date.now()) return memo.user;
    this.entries.delete(sessionId);
    return null;
  }

  /** Taken before a session is looked up in Redis or Postgres, and handed back to {@link put}. */
  mark(): number {
    return this.generation;
  }

  /**
   * Holds the session's user until `until` at the latest (the session's next check in Postgres).
   * Not when anything was revoked since `mark`: the lookup may have read the session just before
   * its sign-out, whose revocation then found nothing here to drop.
   */
  put(sessionId: string, mac: string, user: RequestUser, until: number, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    this.entries.delete(sessionId); // re-inserted last: the Map's order is the order of eviction
    this.entries.set(sessionId, { user, mac, until: Math.min(until, Date.now() + MEMO_MS) });
    if (this.entries.size > MEMO_MAX) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Every gateway forgets the session; rejects when Redis is out of reach (the caller's change must then fail). */
  revokeSession(mac: string): Promise<void> {
    return this.publish({ mac });
  }

  /** Every gateway forgets the user's sessions (a new role shows at their next request). */
  revokeUser(userId: string): Promise<void> {
    return this.publish({ userId });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopTrusting();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private async publish(revocation: Revocation): Promise<void> {
    this.apply(JSON.stringify(revocation)); // this process at once, whatever Redis says
    await this.redis.publish(this.channel, JSON.stringify(revocation));
  }

  private apply(message: string): void {
    this.generation++;
    let revocation: Partial<{ mac: string; userId: string }>;
    try {
      revocation = JSON.parse(message) as typeof revocation;
    } catch {
      return this.stopTrusting(); // not ours to read: forget everything rather than guess
    }
    for (const [id, memo] of this.entries) {
      if (memo.mac === revocation.mac || memo.user.id === revocation.userId) this.entries.delete(id);
    }
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber!.subscribe(this.channel);
      this.listening = true;
    } catch (err) {
      this.logger.warn(`revocation channel not subscribed, sessions are checked in Redis: ${(err as Error).message}`);
    }
  }

  private stopTrusting(): void {
    this.generation++;
    this.listening = false;
    this.entries.clear();
  }
}
