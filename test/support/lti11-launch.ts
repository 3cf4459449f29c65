import { createHmac, randomBytes } from 'node:crypto';

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface LaunchOptions {
  key: string;
  secret: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  nonce?: string;
}

/**
 * The form an LTI 1.1 tool consumer (Coursera, an LMS) posts to a tool's launch URL, signed with
 * OAuth 1.0a HMAC-SHA1 over every field: written here independently of the gateway's verifier,
 * so that a mistake the two shared could not pass.
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
  const target = new URL(launchUrl);
  const paramString = [...target.searchParams.entries(), ...Object.entries(params)]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&');
  const base = `POST&${enc(`${target.origin}${target.pathname}`)}&${enc(paramString)}`;
  params.oauth_signature = createHmac('sha1', `${enc(options.secret)}&`)
    .update(base)
    .digest('base64');
  return new URLSearchParams(params).toString();
}
