import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, AppConfig, Role, User } from '@wb/common';
import { randomBytes } from 'node:crypto';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { ApiKeySealer, hashApiKey, newApiKey } from './api-keys';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';

export interface NewUser {
  user: User;
  apiKey: string;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly users: Repository<User>;

  constructor(
    dataSource: DataSource,
    private readonly sealer: ApiKeySealer,
  ) {
    this.users = dataSource.getRepository(User);
  }

  async create(username: string, password: string, role: Role = 'student'): Promise<NewUser> {
    const apiKey = newApiKey();
    const user = this.users.create({ username, passwordHash: await hashPassword(password), role, ...this.sealer.columns(apiKey) });
    try {
      return { user: await this.users.save(user), apiKey };
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
        throw new ApiError(HttpStatus.CONFLICT, `the username "${username}" is taken`);
      }
      throw err;
    }
  }

  /** The user when the password matches; the same time is spent whether or not the user exists. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    return ok && user?.passwordHash ? user : null;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByApiKey(key: string): Promise<User | null> {
    return this.users.findOneBy({ apiKeyHash: hashApiKey(key) });
  }

  /** The user's current key (a fresh one if it can no longer be opened). */
  async apiKeyOf(user: User): Promise<string> {
    return this.sealer.open(user.apiKeySealed) ?? this.regenerateApiKey(user.id);
  }

  /** Issues a new key; the old one stops working at once. */
  async regenerateApiKey(userId: string): Promise<string> {
    const apiKey = newApiKey();
    await this.users.update({ id: userId }, this.sealer.columns(apiKey));
    return apiKey;
  }

  /**
   * The first start needs someone who can administer: create the admin account when none
   * exists, with ADMIN_PASSWORD or a generated password printed once to the log.
   */
  async ensureAdmin(config: AppConfig): Promise<void> {
    if (await this.users.existsBy({ role: 'admin' })) return;
    const password = config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
    try {
      await this.create(config.ADMIN_USERNAME, password, 'admin');
    } catch (err) {
      if (err instanceof ApiError && err.getStatus() === HttpStatus.CONFLICT) return; // another gateway won the race
      throw err;
    }
    const shown = config.ADMIN_PASSWORD ? '(from ADMIN_PASSWORD)' : password;
    this.logger.warn(`created the admin account "${config.ADMIN_USERNAME}" with password ${shown}`);
  }
}
