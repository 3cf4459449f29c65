import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, oauthSignature, REDIS } from '@wb/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { sameSecret } from '../auth/same-secret';

/** How far the course platform's clock may be from ours (the usual OAuth 1.0a window). */
const MAX_CLOCK_SKEW_S = 300;

/**
 * Checks that an LTI 1.1 launch comes from the course platform and is not a replay: the
 * consumer key, an HMAC-SHA1 signature over the launch URL and every form field, a timestamp
 * within five minutes, and a nonce never seen while that timestamp could still be accepted.
 */
@Injectable()
export class LtiLaunchVerifier {
  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async verify(params: Record<string, string>, url: string, now = Date.now()): Promise<void> {
    const { LTI11_CONSUMER_KEY: key, LTI11_CONSUMER_SECRET: secret } = this.config;
    if (!key || !secret) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'LTI launches are not configured here (LTI11_CONSUMER_KEY and LTI11_CONSUMER_SECRET)');
    }
    const refuse = (why: string) => new ApiError(HttpStatus.UNAUTHORIZED, `the launch is refused: ${why}`);
    if (params.oauth_consumer_key !== key) throw refuse("oauth_consumer_key is not the course platform's key");
    if (params.oauth_signature_method !== 'HMAC-SHA1') throw refuse('only HMAC-SHA1 signatures are accepted (oauth_signature_method)');
    if (params.oauth_version !== undefined && params.oauth_version !== '1.0') throw refuse('oauth_version must be 1.0');
    const timestamp = Number(params.oauth_timestamp);
    if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > MAX_CLOCK_SKEW_S) {
      throw refuse('it is too old, or the two clocks disagree by more than 5 minutes (oauth_timestamp)');
    }
    if (!sameSecret(oauthSignature('POST', url, params, secret), params.oauth_signature)) {
      throw refuse(`the signature does not match: check the consumer key and secret, and that the link's URL is ${url}`);
    }
    // Checked after the signature, so that nobody but the platform can use up a nonce.
    if (!params.oauth_nonce) throw refuse('oauth_nonce is missing');
    const nonceKey = `${this.config.REDIS_PREFIX}:lti:nonce:${createHash('sha256').update(params.oauth_nonce).digest('hex')}`;
    const fresh = await this.redis.set(nonceKey, '1', 'EX', 2 * MAX_CLOCK_SKEW_S, 'NX');
    if (fresh !== 'OK') throw refuse('it was used already (oauth_nonce): launch again from the course');
  }
}
