// Short, readable reasons for requests that got no answer. Every one of them means "not yet"
// while an environment comes up: the ingress has no endpoint (refused, reset), the DNS record
// is not there, the certificate is still the ingress default (self-signed, wrong name).
import { formatDuration } from '../core/duration.ts';
import { errorMessage } from '../core/errors.ts';
import { RedirectError, RequestTimeoutError } from './http-client.ts';

/** What went wrong, in a few words, and whether it is about TLS. */
export interface TransportProblem {
  reason: string;
  tls: boolean;
}

const TLS_REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate chain not trusted (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate chain not trusted (issuer missing)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate chain not trusted (unknown issuer)',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not name this host',
};

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENOTFOUND: 'DNS: host not found',
  EAI_AGAIN: 'DNS: lookup failed (temporary)',
  ETIMEDOUT: 'connect timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Describes why a request got no answer. */
export function describeTransportError(error: unknown): TransportProblem {
  if (error instanceof RequestTimeoutError) return { reason: `no answer within ${formatDuration(error.timeoutMs)}`, tls: false };
  if (error instanceof RedirectError) return { reason: error.message, tls: false };
  const code = codeOf(error);
  const message = errorMessage(error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return { reason: 'no answer in time', tls: false };
  if (code !== undefined && TLS_REASONS[code] !== undefined) return { reason: `TLS: ${TLS_REASONS[code]}`, tls: true };
  if (code !== undefined && /^(ERR_TLS_|ERR_SSL_|CERT_|ERR_OSSL)/.test(code)) return { reason: `TLS: ${message}`, tls: true };
  if (code !== undefined && NETWORK_REASONS[code] !== undefined) return { reason: NETWORK_REASONS[code], tls: false };
  return { reason: code !== undefined && !message.includes(code) ? `${code}: ${message}` : message, tls: false };
}
