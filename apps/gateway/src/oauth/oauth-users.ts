import { Injectable } from '@nestjs/common';
import { User, UsersRepository } from '@wb/common';
import { randomBytes } from 'node:crypto';
import { ApiKeySealer, newApiKey } from '../auth/api-keys';

/** Who the provider says the user is (its userinfo endpoint). */
export interface ProviderIdentity {
  provider: string;
  subject: string;
  /** A name to start the username from (preferred_username, nickname, the email's local part). */
  nameHint?: string;
}

/**
 * Users who sign in through the course's OAuth2 provider: found by (provider, subject), created
 * on their first login with no password (they can only sign in through the provider).
 */
@Injectable()
export class OAuthUsers {
  constructor(
    private readonly users: UsersRepository,
    private readonly sealer: ApiKeySealer,
  ) {}

  async findOrCreate(identity: ProviderIdentity): Promise<User> {
    const existing = await this.users.findByIdentity(identity.provider, identity.subject);
    if (existing) return existing;
    const base = usernameFrom(identity.nameHint ?? identity.subject);
    // A taken username gets a random suffix; two first logins racing for one subject meet the
    // unique (provider, subject) index, and the loser reads the winner's row.
    for (let tries = 0; tries < 5; tries += 1) {
      const username = tries === 0 ? base : `${base.slice(0, 25)}-${randomBytes(3).toString('hex')}`;
      const apiKey = newApiKey();
      const created = await this.users.insert({
        username,
        passwordHash: null,
        role: 'student',
        ...this.sealer.columns(apiKey),
        oauthProvider: identity.provider,
        oauthSubject: identity.subject,
      });
      if (created) return created;
      const winner = await this.users.findByIdentity(identity.provider, identity.subject);
      if (winner) return winner;
    }
    throw new Error(`could not find a free username for ${identity.provider} user ${identity.subject}`);
  }
}

/** The platform's username rules (3–32 of a-z0-9_.-) applied to whatever the provider offers. */
export function usernameFrom(hint: string): string {
  const cleaned = hint
    .split('@')[0]
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 32);
  return cleaned.length >= 3 ? cleaned : `user-${randomBytes(4).toString('hex')}`;
}
