// Credentials in checks: header values (Authorization, Cookie, X-Api-Key, Azure Functions keys,
// anything the user marks) and key-like query parameters. They are registered with the
// runner's masker before anything prints, and replaced by `***` in every text the action
// writes itself (log lines, the `results` output, the job summary), where a server may
// also echo them back in a body snippet.
import { secretForms, type SetSecret } from '../../shared/secrets.ts';
import type { Check } from './check-types.ts';

/** Headers that always carry credentials. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-functions-key',
  'ocp-apim-subscription-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
]);

/** Header names that look like they carry a credential. */
const CREDENTIAL_NAME = /(auth|token|secret|passw|api-?key|session|cookie|signature|credential)/i;
/** Query parameters that carry keys (Azure Functions `code`, SAS `sig`, `access_token`, ...). */
const CREDENTIAL_QUERY = /^(code|sig|signature|token|access_token|id_token|api[-_]?key|key|secret|password|auth)$/i;

/** Shown instead of a credential. */
export const MASK = '***';

/** Whether a header's value must be masked: a known or credential-like name, or one the user marked. */
export function isCredentialHeader(name: string, marked: ReadonlySet<string> = new Set()): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || marked.has(lower) || CREDENTIAL_NAME.test(lower);
}

/** The secret parts of a credential header value: the whole, the token after the scheme, cookie values, a Basic password. */
function credentialParts(value: string): string[] {
  const parts = [value];
  const scheme = /^([A-Za-z][\w-]*)\s+(\S.*)$/.exec(value);
  if (scheme) {
    const token = scheme[2] ?? '';
    parts.push(token);
    if (scheme[1]?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) parts.push(decoded, decoded.slice(colon + 1));
    }
  }
  for (const cookie of value.split(';')) {
    const equals = cookie.indexOf('=');
    if (equals > 0) parts.push(cookie.slice(equals + 1).trim());
  }
  return parts;
}

/** Replaces known secrets in text with `***`. */
export class Redactor {
  /** Every registered form, longest first so a secret's parts never leave a tail. */
  private readonly secrets: string[];
  /** Header names (lower-case) the user marked as credentials. */
  readonly marked: ReadonlySet<string>;

  constructor(secrets: Iterable<string>, marked: ReadonlySet<string> = new Set()) {
    this.secrets = [...new Set(secrets)].sort((a, b) => b.length - a.length);
    this.marked = marked;
  }

  /** The credentials of these checks: credential header values and key-like query parameters. */
  static forChecks(checks: readonly Check[], markedHeaders: readonly string[] = []): Redactor {
    const marked = new Set(markedHeaders.map((name) => name.toLowerCase()));
    const secrets: string[] = [];
    for (const check of checks) {
      for (const [name, value] of Object.entries(check.headers)) {
        if (isCredentialHeader(name, marked)) for (const part of credentialParts(value)) secrets.push(...secretForms(part));
      }
      for (const [name, value] of new URL(check.url).searchParams) {
        if (CREDENTIAL_QUERY.test(name)) secrets.push(...secretForms(value));
      }
    }
    return new Redactor(secrets, marked);
  }

  /** Registers every secret with the runner's masker (call before anything prints). */
  register(setSecret: SetSecret): void {
    for (const secret of this.secrets) setSecret(secret);
  }

  /** `text` with every secret replaced by `***`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  /** Request headers for printing: credential values replaced by `***`. */
  headersForLog(headers: Record<string, string>): string {
    return Object.entries(headers)
      .map(([name, value]) => `${name}: ${isCredentialHeader(name, this.marked) ? MASK : this.redact(value)}`)
      .join(', ');
  }
}
