import { createHmac } from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a (RFC 5849 §3.6) requires: stricter than encodeURIComponent. */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The HMAC-SHA1 signature over the base string (RFC 5849 §3.4.1): method, base URL, and every
 * parameter sorted: the URL's query and `params` (the oauth_* ones, and for a form POST such as
 * an LTI launch, every form field), `oauth_signature` itself left out. Two-legged: no token, so
 * the key is `secret&`. LTI 1.1 signs both ways with it: launches to the tool, outcomes back.
 */
export function oauthSignature(method: string, url: string, params: Record<string, string>, consumerSecret: string): string {
  const parsed = new URL(url);
  const pairs: [string, string][] = [...parsed.searchParams.entries(), ...Object.entries(params).filter(([k]) => k !== 'oauth_signature')];
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
