import { Session } from '@wb/common';
import type { SessionsRepository } from '../../apps/gateway/src/auth/sessions.repository';
import type { PublicOf } from './public-of';

/** The sessions table in memory, for {@link SessionsRepository}'s callers' unit tests; expiry by `Date.now()`, as the real one's. */
export class FakeSessionsRepository implements PublicOf<SessionsRepository> {
  readonly rows = new Map<string, Session>();

  get repository(): SessionsRepository {
    return this as unknown as SessionsRepository;
  }

  async insert(session: Session): Promise<void> {
    if (this.rows.has(session.id)) throw new Error(`duplicate key: session ${session.id}`);
    this.rows.set(session.id, { ...session });
  }

  async liveUserId(id: string): Promise<string | null> {
    const session = this.rows.get(id);
    return session && session.expiresAt.getTime() > Date.now() ? session.userId : null;
  }

  async renew(session: Session): Promise<void> {
    this.rows.set(session.id, { ...session });
  }

  async delete(id: string): Promise<void> {
    this.rows.delete(id);
  }

  async purgeExpired(limit: number): Promise<void> {
    const expired = [...this.rows.values()].filter((s) => s.expiresAt.getTime() < Date.now()).slice(0, limit);
    for (const s of expired) this.rows.delete(s.id);
  }
}
