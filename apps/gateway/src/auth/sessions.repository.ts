import { Injectable } from '@nestjs/common';
import { Session } from '@wb/common';
import { DataSource, LessThan, Repository } from 'typeorm';
import type { RequestUser } from './authenticated-request';

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

  /**
   * Moves a live session's expiry to `expiresAt` and answers its user, in one statement; null
   * when the session is unknown or has expired (then nothing changes).
   */
  async renew(id: string, expiresAt: Date): Promise<RequestUser | null> {
    const [rows]: [RequestUser[], number] = await this.sessions.query(
      `UPDATE sessions SET expires_at = $2 FROM users
        WHERE sessions.id = $1 AND sessions.expires_at > $3 AND users.id = sessions.user_id
        RETURNING users.id, users.username, users.role`,
      [id, expiresAt, new Date()],
    );
    return rows[0] ?? null;
  }

  /** The ids of the user's sessions, expired ones included (their cached copies may still be live). */
  async idsOfUser(userId: string): Promise<string[]> {
    return (await this.sessions.find({ where: { userId }, select: { id: true } })).map((s) => s.id);
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
