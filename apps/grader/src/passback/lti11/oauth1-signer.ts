import { createHash, createHmac, randomBytes } from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a (RFC 5849 §3.6) requires: stricter than encodeURIComponent. */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

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

/** The signature over the base string (RFC 5849 §3.4.1): method, base URL, sorted parameters. */
export function oauthSignature(method: string, url: string, oauthParams: Record<string, string>, consumerSecret: string): string {
  const parsed = new URL(url);
  const pairs: [string, string][] = [
    ...parsed.searchParams.entries(),
    ...Object.entries(oauthParams).filter(([k]) => k !== 'oauth_signature'),
  ];
  const normalized = pairs
    .map(([k, v]) => [oauthEncode(k), oauthEncode(v)])
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  // URL has already lower-cased the host and dropped a default port, as §3.4.1.2 asks.
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  const base = [method.toUpperCase(), oauthEncode(baseUrl), oauthEncode(normalized)].join('&');
  return createHmac('sha1', `${oauthEncode(consumerSecret)}&`)
    .update(base)
    .digest('base64');
}
