import { Injectable } from '@nestjs/common';
import { DataSource, In, QueryFailedError, Repository } from 'typeorm';
import { User } from '../db/entities/user.entity';

/**
 * What a new account records: who it is, how it signs in (a password hash, or an outside
 * identity with none), and its API key; the rest starts at its default (no LTI outcome, now).
 */
export type NewUserRecord = Pick<User, 'username' | 'passwordHash' | 'role' | 'apiKeyHash' | 'apiKeySealed'> &
  Partial<Pick<User, 'oauthProvider' | 'oauthSubject'>>;

/** What a user row stores of an API key: the hash to find it by, and the sealed key to show it again. */
export type ApiKeyColumns = Pick<User, 'apiKeyHash' | 'apiKeySealed'>;

/**
 * The `users` table: the only class that writes it, and the one that reads it. Accounts are
 * created by one INSERT that the unique indexes (username, API key hash, outside identity) guard,
 * so two sign-ups or first logins racing for one name or identity make one account; the loser is
 * told the name is taken rather than shown a database error. A role changes only forward
 * (student → staff), by a conditional UPDATE.
 */
@Injectable()
export class UsersRepository {
  private readonly users: Repository<User>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(User);
  }

  /** The new account, with its id and creation time; null when its username or outside identity is taken. */
  async insert(user: NewUserRecord): Promise<User | null> {
    try {
      return await this.users.save(this.users.create(user));
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') return null;
      throw err;
    }
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** Those of the users that exist, in no particular order. */
  findByIds(ids: string[]): Promise<User[]> {
    return this.users.findBy({ id: In(ids) });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username });
  }

  /** The key's owner, found by the key's hash (the table holds no usable key). */
  findByApiKeyHash(apiKeyHash: string): Promise<User | null> {
    return this.users.findOneBy({ apiKeyHash });
  }

  /** The user an outside provider (OAuth2, an LTI platform) knows by that subject. */
  findByIdentity(provider: string, subject: string): Promise<User | null> {
    return this.users.findOneBy({ oauthProvider: provider, oauthSubject: subject });
  }

  adminExists(): Promise<boolean> {
    return this.users.existsBy({ role: 'admin' });
  }

  /** Replaces the user's key: the old one stops finding the user at once. */
  async setApiKey(id: string, key: ApiKeyColumns): Promise<void> {
    await this.users.update({ id }, key);
  }

  /** Makes a student staff; false when the user is not a student (staff, admin, or gone), so nobody is ever demoted. */
  async promoteToStaff(id: string): Promise<boolean> {
    const { affected } = await this.users.update({ id, role: 'student' }, { role: 'staff' });
    return Boolean(affected);
  }
}
