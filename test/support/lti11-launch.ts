import { randomBytes } from 'node:crypto';
import { referenceOAuthSignature } from './oauth1-reference';

export interface LaunchOptions {
  key: string;
  secret: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  nonce?: string;
}

/**
 * The form an LTI 1.1 tool consumer (Coursera, an LMS) posts to a tool's launch URL, signed with
 * OAuth 1.0a HMAC-SHA1 over every field (the tests' own signature, not the gateway's verifier's).
 */
export function signedLaunchForm(launchUrl: string, fields: Record<string, string>, options: LaunchOptions): string {
  const params: Record<string, string> = {
    ...fields,
    oauth_callback: 'about:blank',
    oauth_consumer_key: options.key,
    oauth_nonce: options.nonce ?? randomBytes(12).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
  };
  params.oauth_signature = referenceOAuthSignature(launchUrl, params, options.secret);
  return new URLSearchParams(params).toString();
}
