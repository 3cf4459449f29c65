import { ApiKeyColumns, NewUserRecord, User, UsersRepository } from '@wb/common';
import { randomUUID } from 'node:crypto';
import type { PublicOf } from './public-of';

/**
 * The users table in memory, for the unit tests of the services that use {@link UsersRepository}:
 * the same unique indexes (username, API key hash, outside identity) and the same forward-only
 * role change, without Postgres. The real repository's SQL is tested against Postgres in its own spec.
 */
export class FakeUsersRepository implements PublicOf<UsersRepository> {
  readonly rows = new Map<string, User>();

  /** This fake where a service takes the repository: only the real one's private Repository differs. */
  get repository(): UsersRepository {
    return this as unknown as UsersRepository;
  }

  async insert(user: NewUserRecord): Promise<User | null> {
    const identity = user.oauthSubject != null ? `${user.oauthProvider}/${user.oauthSubject}` : null;
    const taken = this.all().some(
      (u) =>
        u.username === user.username ||
        u.apiKeyHash === user.apiKeyHash ||
        (identity !== null && u.oauthSubject != null && `${u.oauthProvider}/${u.oauthSubject}` === identity),
    );
    if (taken) return null;
    const row: User = {
      id: randomUUID(),
      oauthProvider: null,
      oauthSubject: null,
      ltiOutcomeUrl: null,
      ltiSourcedid: null,
      createdAt: new Date(),
      ...user,
    };
    this.rows.set(row.id, row);
    return { ...row };
  }

  async findById(id: string): Promise<User | null> {
    return this.copy(this.rows.get(id));
  }

  async findByIds(ids: string[]): Promise<User[]> {
    return ids.flatMap((id) => this.copy(this.rows.get(id)) ?? []);
  }

  async findByUsername(username: string): Promise<User | null> {
    return this.copy(this.all().find((u) => u.username === username));
  }

  async findByApiKeyHash(apiKeyHash: string): Promise<User | null> {
    return this.copy(this.all().find((u) => u.apiKeyHash === apiKeyHash));
  }

  async findByIdentity(provider: string, subject: string): Promise<User | null> {
    return this.copy(this.all().find((u) => u.oauthProvider === provider && u.oauthSubject === subject));
  }

  async adminExists(): Promise<boolean> {
    return this.all().some((u) => u.role === 'admin');
  }

  async setApiKey(id: string, key: ApiKeyColumns): Promise<void> {
    const user = this.rows.get(id);
    if (user) Object.assign(user, key);
  }

  async promoteToStaff(id: string): Promise<boolean> {
    const user = this.rows.get(id);
    if (user?.role !== 'student') return false;
    user.role = 'staff';
    return true;
  }

  private all(): User[] {
    return [...this.rows.values()];
  }

  /** What a query returns is the caller's own, as a row read from Postgres would be. */
  private copy(user: User | undefined): User | null {
    return user ? { ...user } : null;
  }
}
