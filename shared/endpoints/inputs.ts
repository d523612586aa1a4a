import { UserError, quoteValue } from '../core/errors.ts';
import { InputReader } from '../core/inputs.ts';
import { setSecret as runnerSetSecret } from '../core/workflow-commands.ts';
import type { SetSecret } from '../core/secrets.ts';
import type { Check } from './check-types.ts';
import { parseChecks } from './checks.ts';
import { redactUrl } from './redact.ts';

/** Everything verify-endpoints reads from its inputs (names mirror action.yml). */
export interface Inputs {
  /** Where `path` checks point; undefined when only absolute `url`s are used. */
  baseUrl: URL | undefined;
  /** The validated checks, in input order. */
  checks: Check[];
  /** The version that must be answering; undefined when not proven. */
  expectVersion: string | undefined;
  /** Overall deadline for all checks, ms. */
  timeoutMs: number;
  /** First wait between attempts of a check, ms. */
  intervalMs: number;
  /** Longest single request, ms. */
  requestTimeoutMs: number;
  /** Most requests in flight. */
  concurrency: number;
  /** Accept any TLS certificate. */
  insecureTls: boolean;
  /** Follow redirects (credentials are never sent to another origin). */
  followRedirects: boolean;
  /** Extra CA certificate(s), PEM, trusted besides the system ones. */
  caCertificate: string | undefined;
  /** More request header names whose values are credentials (lower-case). */
  secretHeaders: string[];
}

/** Validates `base-url`: an absolute http(s) URL without credentials, query or fragment. */
export function parseBaseUrl(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  const invalid = (why: string, fix: string): UserError => new UserError(`Input \`base-url\` ${why}.`, { fix });
  // The value is quoted with its user info and key-like query values redacted: they may be credentials.
  const shown = quoteValue(redactUrl(text));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`must be an absolute URL, got ${shown}`, 'Give the scheme and host, e.g. https://feature-x.example.com.');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('carries a user name or password', "Send credentials in a check's `headers` (e.g. Authorization), where they are masked.");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`must be http or https, got ${shown}`, 'e.g. https://feature-x.example.com');
  if (url.search !== '' || url.hash !== '') throw invalid(`must not have a query or fragment, got ${shown}`, "Put query strings in each check's `path`.");
  return url;
}

function parseCa(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text)) {
    throw new UserError('Input `ca-certificate` must hold PEM certificates (-----BEGIN CERTIFICATE----- ...).', {
      fix: 'Paste the CA certificate in PEM form, e.g. from a secret: ca-certificate: ${{ secrets.INGRESS_CA }}.',
    });
  }
  return text;
}

/**
 * Reads and validates every input; nothing is sent before this succeeds. When the `checks`
 * text is refused, the credentials in it are masked before the message that may quote it.
 */
export function readInputs(reader = new InputReader(), setSecret: SetSecret = runnerSetSecret): Inputs {
  const secretHeaders = reader.list('secret-headers').map((name) => name.toLowerCase());
  const baseUrl = parseBaseUrl(reader.optional('base-url'));
  const expectVersion = reader.optional('expect-version');
  const timeoutMs = reader.duration('timeout', '5m');
  const intervalMs = reader.duration('interval', '2s');
  if (intervalMs < 100) {
    throw new UserError(`Input \`interval\` must be at least 100ms, got ${quoteValue(reader.string('interval'))}.`, {
      fix: 'Use e.g. 2s; shorter waits only load the server.',
    });
  }
  const requestTimeoutMs = reader.duration('request-timeout', '10s');
  if (requestTimeoutMs < 100) {
    throw new UserError(`Input \`request-timeout\` must be at least 100ms, got ${quoteValue(reader.string('request-timeout'))}.`, { fix: 'Use e.g. 10s.' });
  }
  return {
    baseUrl,
    expectVersion,
    timeoutMs,
    intervalMs,
    requestTimeoutMs,
    concurrency: reader.integer('concurrency', { fallback: 8, min: 1, max: 100 }),
    insecureTls: reader.boolean('insecure-tls', false),
    followRedirects: reader.boolean('follow-redirects', true),
    caCertificate: parseCa(reader.optional('ca-certificate')),
    secretHeaders,
    checks: parseChecks(reader.required('checks', 'List the paths to check, one per line (e.g. /be-health), or a YAML list of checks.'), {
      baseUrl,
      expectVersion,
      markedHeaders: secretHeaders,
      setSecret,
    }),
  };
}
