// Minimal RS256 JSON Web Tokens with node:crypto: one signing key per issuer,
// its JWKS, signing and verification. Enough for the emulator to issue and
// check the tokens it hands out; not a general JOSE library.
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** Claims of a token: JSON values keyed by name. */
export type Claims = Record<string, unknown>;

/** A token split into its parts, not yet trusted. */
export interface DecodedJwt {
  header: Claims;
  claims: Claims;
  signingInput: string;
  signature: Buffer;
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function parseJsonObject(text: string): Claims | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a compact JWT; undefined when it is not three base64url JSON parts. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, c, s] = parts as [string, string, string];
  const header = parseJsonObject(Buffer.from(h, 'base64url').toString('utf8'));
  const claims = parseJsonObject(Buffer.from(c, 'base64url').toString('utf8'));
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, 'base64url') };
}

/** Seconds since the epoch, as JWT time claims use. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** An RSA key that signs tokens for one issuer. */
export class JwtKey {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.kid = createHash('sha256').update(der).digest('base64url').slice(0, 27);
  }

  /** Signs the claims as an RS256 JWT carrying this key's `kid`. */
  sign(claims: Claims, header: Claims = {}): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: this.kid, ...header }));
    const body = b64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(`${head}.${body}`), this.privateKey);
    return `${head}.${body}.${b64url(signature)}`;
  }

  /** True when the token was signed by this key with RS256. */
  verifies(token: DecodedJwt): boolean {
    if (token.header.alg !== 'RS256') return false;
    return verify('sha256', Buffer.from(token.signingInput), this.publicKey, token.signature);
  }

  /** The public key as a JWK set (`{keys:[...]}`), as a `jwks_uri` serves it. */
  jwks(): { keys: Claims[] } {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256' }] };
  }
}
