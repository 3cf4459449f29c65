import { createHmac } from 'node:crypto';

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The tests' own OAuth 1.0a HMAC-SHA1 signature of a POST (RFC 5849 §3.4), base64: the URL's
 * query and `params` (oauth_signature left out), sorted, over the base URL. Written apart from
 * the platform's (libs/common), so that a mistake the two shared could not pass: the LTI
 * consumer stub checks the grader's requests with it, and the launch helper signs with it.
 */
export function referenceOAuthSignature(url: string, params: Record<string, string>, secret: string): string {
  const target = new URL(url);
  const paramString = [...target.searchParams.entries(), ...Object.entries(params).filter(([k]) => k !== 'oauth_signature')]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join('&');
  const base = `POST&${enc(`${target.origin}${target.pathname}`)}&${enc(paramString)}`;
  return createHmac('sha1', `${enc(secret)}&`)
    .update(base)
    .digest('base64');
}
