// The branch role's password: generated from the system CSPRNG, and sent to PostgreSQL only
// as a SCRAM-SHA-256 verifier (what `\password` in psql does), so the password itself never
// reaches the server, its statement log or pg_stat_statements.
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random password of `length` letters and digits (32 by default: about 190 bits), with at
 * least one upper-case letter, one lower-case letter and one digit. Letters and digits only,
 * so it needs no quoting in URLs, shells or YAML.
 */
export function generatePassword(length = 32): string {
  if (!Number.isInteger(length) || length < 16) throw new Error(`password length must be an integer >= 16, got ${length}`);
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i += 1) password += ALPHABET.charAt(randomInt(ALPHABET.length));
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password`
 * (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, RFC 5802/7677), which
 * `CREATE ROLE ... PASSWORD` accepts as is. Only printable ASCII passwords are accepted:
 * for them SASLprep changes nothing, so the verifier matches what the server computes.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  if (!/^[\x20-\x7e]+$/.test(password)) throw new Error('scramVerifier accepts only non-empty printable ASCII passwords');
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
