import { Session } from '@wb/common';
import type { RequestUser } from '../../apps/gateway/src/auth/authenticated-request';
import type { SessionsRepository } from '../../apps/gateway/src/auth/sessions.repository';
import type { PublicOf } from './public-of';

/**
 * The sessions table in memory, for {@link SessionsRepository}'s callers' unit tests; expiry by
 * `Date.now()`, as the real one's. `users` stands for the users table the real one joins.
 */
export class FakeSessionsRepository implements PublicOf<SessionsRepository> {
  readonly rows = new Map<string, Session>();

  constructor(readonly users = new Map<string, RequestUser>()) {}

  get repository(): SessionsRepository {
    return this as unknown as SessionsRepository;
  }

  async insert(session: Session): Promise<void> {
    if (this.rows.has(session.id)) throw new Error(`duplicate key: session ${session.id}`);
    this.rows.set(session.id, { ...session });
  }

  async renew(id: string, expiresAt: Date): Promise<RequestUser | null> {
    const session = this.rows.get(id);
    const user = session && this.users.get(session.userId);
    if (!session || !user || session.expiresAt.getTime() <= Date.now()) return null;
    session.expiresAt = expiresAt;
    return { id: user.id, username: user.username, role: user.role };
  }

  async idsOfUser(userId: string): Promise<string[]> {
    return [...this.rows.values()].filter((s) => s.userId === userId).map((s) => s.id);
  }

  async delete(id: string): Promise<void> {
    this.rows.delete(id);
  }

  async purgeExpired(limit: number): Promise<void> {
    const expired = [...this.rows.values()].filter((s) => s.expiresAt.getTime() < Date.now()).slice(0, limit);
    for (const s of expired) this.rows.delete(s.id);
  }
}
