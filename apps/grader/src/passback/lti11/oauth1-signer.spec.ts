import { createHash } from 'node:crypto';
import { oauthEncode, oauthSignature } from '@wb/common';
import { signOAuth1 } from './oauth1-signer';

describe('OAuth 1.0a signing', () => {
  it('percent-encodes as RFC 3986 asks', () => {
    expect(oauthEncode("a b!*'()~-._")).toBe('a%20b%21%2A%27%28%29~-._');
  });

  // RFC 5849 §3.4.1 worked example's parameters, two-legged (no token): a fixed, known input.
  it('signs the normalized base string with HMAC-SHA1 over secret&', () => {
    const params = {
      oauth_consumer_key: '9djdj82h48djs9d2',
      oauth_nonce: '7d8f3e4a',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '137131201',
      oauth_version: '1.0',
    };
    const a = oauthSignature('POST', 'http://Example.com:80/request?b5=%3D%253D&a3=a', params, 'j49sk3j29djd');
    const b = oauthSignature('post', 'http://example.com/request?a3=a&b5=%3D%253D', params, 'j49sk3j29djd');
    expect(a).toBe(b); // host case, default port, query order and method case do not change it
    expect(oauthSignature('POST', 'http://example.com/request?a3=a&b5=%3D%253D', params, 'other')).not.toBe(a);
  });

  it('puts the body hash and the signature in the header', () => {
    const header = signOAuth1('POST', 'https://lms.example/outcomes', '<xml/>', 'key', 'secret', () => 1_700_000_000_000);
    const bodyHash = createHash('sha1').update('<xml/>').digest('base64');
    expect(header).toMatch(/^OAuth /);
    expect(header).toContain(`oauth_body_hash="${oauthEncode(bodyHash)}"`);
    expect(header).toContain('oauth_timestamp="1700000000"');
    expect(header).toMatch(/oauth_signature="[^"]+"/);
  });
});
