import { Injectable } from '@nestjs/common';
import { AppConfig, User } from '@wb/common';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** A new API key for the local client and course tools. */
export function newApiKey(): string {
  return `wb_${randomBytes(32).toString('base64url')}`;
}

/** Keys are 256-bit random, so a fast unsalted hash is enough for the lookup column. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Seals API keys so /whoami can show a user the key they already have (rotating it on every
 * look would break their local client) while a copy of the database alone reveals none.
 */
@Injectable()
export class ApiKeySealer {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.SESSION_SECRET, 'wb', 'api-key-sealing', 32));
  }

  /** What a user row stores of a key: the hash to find it by, and the sealed key to show it again. */
  columns(apiKey: string): Pick<User, 'apiKeyHash' | 'apiKeySealed'> {
    return { apiKeyHash: hashApiKey(apiKey), apiKeySealed: this.seal(apiKey) };
  }

  seal(apiKey: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(apiKey, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
  }

  /** The key, or null when it cannot be opened (SESSION_SECRET changed since it was sealed). */
  open(sealed: string): string | null {
    try {
      const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
