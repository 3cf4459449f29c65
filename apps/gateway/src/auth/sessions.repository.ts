import { Injectable } from '@nestjs/common';
import { Session } from '@wb/common';
import { DataSource, LessThan, MoreThan, Repository } from 'typeorm';

/**
 * The `sessions` table: the only class that writes it, and the one that reads it. Rows are keyed
 * by the HMAC of the cookie's value (never the value itself); expiry is compared with this
 * gateway's clock, which is also the clock that set it.
 */
@Injectable()
export class SessionsRepository {
  private readonly sessions: Repository<Session>;

  constructor(dataSource: DataSource) {
    this.sessions = dataSource.getRepository(Session);
  }

  async insert(session: Session): Promise<void> {
    await this.sessions.insert(session);
  }

  /** The user of the session when it has not expired yet; null otherwise. */
  async liveUserId(id: string): Promise<string | null> {
    const stored = await this.sessions.findOne({ where: { id, expiresAt: MoreThan(new Date()) }, select: { userId: true } });
    return stored?.userId ?? null;
  }

  /**
   * Moves the session's expiry. An upsert: Redis's copy slides on every request and may outlive
   * the row by up to a tenth of the lifetime, and a renewal from that copy after a purge took the
   * row puts it back.
   */
  async renew(session: Session): Promise<void> {
    await this.sessions.upsert(session, ['id']);
  }

  async delete(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  /** Deletes up to `limit` expired sessions, so each call costs little however large the backlog. */
  async purgeExpired(limit: number): Promise<void> {
    const expired = await this.sessions.find({ where: { expiresAt: LessThan(new Date()) }, select: { id: true }, take: limit });
    if (expired.length) await this.sessions.delete(expired.map((s) => s.id));
  }
}
