import { importPKCS8, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';

export interface AssertionSettings {
  clientId: string;
  audience: string;
  privateKeyPem: string;
  keyId?: string;
}

/**
 * The signed JWT a tool presents instead of a client secret (RFC 7523, as the LTI Security
 * Framework requires): issued by and about the tool, for the platform's token endpoint, short
 * lived and single use (jti).
 */
export async function clientAssertion(s: AssertionSettings, now: Date = new Date()): Promise<string> {
  const key = await importPKCS8(s.privateKeyPem, 'RS256');
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(s.keyId ? { kid: s.keyId } : {}) })
    .setIssuer(s.clientId)
    .setSubject(s.clientId)
    .setAudience(s.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(key);
}
