import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, AppConfig, Role, User, UsersRepository } from '@wb/common';
import { randomBytes } from 'node:crypto';
import { ApiKeySealer, hashApiKey, newApiKey } from './api-keys';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';

export interface NewUser {
  user: User;
  apiKey: string;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly sealer: ApiKeySealer,
  ) {}

  /** Two sign-ups racing for one username make one account: the other is told the name is taken. */
  async create(username: string, password: string, role: Role = 'student'): Promise<NewUser> {
    const apiKey = newApiKey();
    const user = await this.users.insert({ username, passwordHash: await hashPassword(password), role, ...this.sealer.columns(apiKey) });
    if (!user) throw new ApiError(HttpStatus.CONFLICT, `the username "${username}" is taken`);
    return { user, apiKey };
  }

  /** The user when the password matches; the same time is spent whether or not the user exists. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    return ok && user?.passwordHash ? user : null;
  }

  findByApiKey(key: string): Promise<User | null> {
    return this.users.findByApiKeyHash(hashApiKey(key));
  }

  /** The user's current key, read afresh (a fresh one if it can no longer be opened). */
  async apiKeyOf(userId: string): Promise<string> {
    const user = await this.users.findById(userId);
    if (!user) throw new ApiError(HttpStatus.NOT_FOUND, 'this user no longer exists');
    return this.sealer.open(user.apiKeySealed) ?? this.regenerateApiKey(user.id);
  }

  /** Issues a new key; the old one stops working at once. */
  async regenerateApiKey(userId: string): Promise<string> {
    const apiKey = newApiKey();
    await this.users.setApiKey(userId, this.sealer.columns(apiKey));
    return apiKey;
  }

  /**
   * The first start needs someone who can administer: create the admin account when none
   * exists, with ADMIN_PASSWORD or a generated password printed once to the log.
   */
  async ensureAdmin(config: AppConfig): Promise<void> {
    if (await this.users.adminExists()) return;
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
