// Credentials in checks: header values (Authorization, Cookie, X-Api-Key, Azure Functions keys,
// anything the user marks) and key-like query parameters. They are registered with the
// runner's masker before anything prints, and replaced by `***` in every text the action
// writes itself (log lines, the `results` output, the job summary), where a server may
// also echo them back in a body snippet.
//
// The raw `checks` text is read for credentials too, before it is parsed: a malformed document
// is reported with the offending line, and that line may hold an Authorization value. So every
// value of a credential-named `key: value` pair in the text is masked first, and quoted lines
// have those values replaced. URL credentials (`https://user:p@ss@word@host/`) are redacted
// whole, up to the last `@` before the host, wherever a message shows a URL.
import { secretForms, type SetSecret } from '../core/secrets.ts';
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

/** A header name (RFC 9110 token, without the quote characters), bounded so a long run of them stays linear. */
const PAIR_NAME = '[!#$%&*+.^_`|~0-9A-Za-z-]{1,128}';
/**
 * A `name: value` pair in YAML (block or flow) or JSON text: the name bare or quoted, the value
 * double-quoted or single-quoted (either possibly unterminated), or plain up to the end of the
 * line or the next `: ` (where another pair would start). The value is read by a lookahead, so a
 * pair inside another pair's value is found too; every part is bounded, so the scan stays
 * linear in the text whatever it holds.
 */
const PAIR = new RegExp(
  `(^|[\\s{,\\[])(["']?)(${PAIR_NAME})\\2[ \\t]*:[ \\t]*` +
    `(?=("(?:[^"\\\\\\n]|\\\\.){0,4096}"?|'(?:[^'\\n]|''){0,4096}'?|(?:[^\\n:]|:(?![ \\t]|$)){0,4096}))`,
  'gm',
);

/** Each credential-named pair in the text: where its value starts and the value's raw text. */
function credentialPairs(text: string, marked: ReadonlySet<string>): { start: number; value: string }[] {
  const pairs: { start: number; value: string }[] = [];
  for (const match of text.matchAll(PAIR)) {
    const value = match[4] ?? '';
    if (isCredentialHeader(match[3] ?? '', marked) && value.trim() !== '') pairs.push({ start: match.index + match[0].length, value });
  }
  return pairs;
}

/** The ways a pair's raw value can be read: quoted content, the plain line, the plain value up to a flow `,` or `}`. */
function valueReadings(raw: string): string[] {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const inner = text.slice(1).replace(/"$/, '');
    let decoded = inner;
    try {
      decoded = JSON.parse(`"${inner}"`) as string;
    } catch {
      // an unterminated or odd string: its raw content is what may be printed
    }
    return [inner, decoded];
  }
  if (text.startsWith("'")) return [text.slice(1).replace(/'$/, '').replace(/''/g, "'")];
  const plain = text.replace(/\s+#.*$/, '');
  return [plain, plain.split(/[,}\]]/)[0]?.trim() ?? plain];
}

/**
 * The credential values in raw `checks` text (before it parses, or when it does not): the
 * value of every pair whose name is a credential header, each in every form it may appear.
 */
export function credentialsInText(text: string, marked: ReadonlySet<string> = new Set()): string[] {
  const secrets = new Set<string>();
  for (const value of new Set(credentialPairs(text, marked).map((pair) => pair.value))) {
    for (const reading of valueReadings(value)) for (const part of credentialParts(reading)) for (const form of secretForms(part)) secrets.add(form);
  }
  return [...secrets];
}

/** `text` with the value of every credential-named pair replaced by `***`. */
export function redactCredentialPairs(text: string, marked: ReadonlySet<string> = new Set()): string {
  let out = '';
  let at = 0;
  for (const { start, value } of credentialPairs(text, marked)) {
    if (start < at) continue;
    out += `${text.slice(at, start)}${MASK}`;
    at = start + value.length;
  }
  return out + text.slice(at);
}

/**
 * A URL as a message may show it: user info redacted whole (up to the last `@` before the
 * host: a password may itself hold `@`), and key-like query values replaced by `***`. Text
 * that does not parse as a URL gets the same treatment, more widely (up to the last `@`
 * before any query), since its host cannot be told.
 */
export function redactUrl(text: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  let out = text;
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)/i.exec(out);
  if (scheme && (parsed === undefined || parsed.username !== '' || parsed.password !== '')) {
    const start = (scheme[1] ?? '').length;
    const end = out.slice(start).search(/[?#]/);
    const authorityEnd = end < 0 ? out.length : start + end;
    const at = out.lastIndexOf('@', authorityEnd - 1);
    if (at >= start) out = `${out.slice(0, start)}${MASK}${out.slice(at)}`;
  }
  return out.replace(/([?&])([^=&#\s]+)=([^&#\s]*)/g, (all, sep: string, name: string) =>
    CREDENTIAL_QUERY.test(decodeURIComponentSafe(name)) ? `${sep}${name}=${MASK}` : all,
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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

  /** The credentials found in raw `checks` text (see {@link credentialsInText}); redacts pairs and URLs too. */
  static forText(text: string, markedHeaders: readonly string[] = []): Redactor {
    const marked = new Set(markedHeaders.map((name) => name.toLowerCase()));
    return new Redactor(credentialsInText(text, marked), marked);
  }

  /** A message that may quote the checks document: known secrets, credential pairs and URL credentials redacted. */
  redactMessage(text: string): string {
    const pairs = redactCredentialPairs(this.redact(text), this.marked);
    return pairs.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url));
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
