import { oauthEncode, oauthSignature } from '@wb/common';
import { createHash, randomBytes } from 'node:crypto';

/**
 * The Authorization header of an OAuth 1.0a HMAC-SHA1 request with a body hash (the OAuth
 * Request Body Hash extension that LTI 1.1 outcomes use: the XML body is not form-encoded, so
 * its SHA-1 is signed instead). Two-legged: no token, so the key is `secret&`.
 */
export function signOAuth1(
  method: string,
  url: string,
  body: string,
  consumerKey: string,
  consumerSecret: string,
  now: () => number = Date.now,
): string {
  const oauth: Record<string, string> = {
    oauth_body_hash: createHash('sha1').update(body, 'utf8').digest('base64'),
    oauth_consumer_key: consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(now() / 1000)),
    oauth_version: '1.0',
  };
  oauth.oauth_signature = oauthSignature(method, url, oauth, consumerSecret);
  return `OAuth ${Object.entries(oauth)
    .map(([k, v]) => `${oauthEncode(k)}="${oauthEncode(v)}"`)
    .join(', ')}`;
}
