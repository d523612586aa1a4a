// Which failures are worth retrying. Understands the error shapes of the
// clients the suite uses: Node/undici network errors, Octokit's RequestError
// (`status`, `response.headers`), client-node's ApiException (`code` number,
// `headers`), Azure's RestError (`statusCode`, `code` string,
// `response.headers.get`), pg's DatabaseError (SQLSTATE `code`, `severity`).

import { errorMessage } from './errors.ts';

/** The verdict on one failure. */
export interface Classification {
  /** Whether trying again may succeed. */
  retryable: boolean;
  /** How long the server asked us to wait (Retry-After and friends), in ms. */
  retryAfterMs?: number;
  /** A short human explanation, e.g. `HTTP 503: Service Unavailable`. */
  reason: string;
}

/** HTTP statuses that mean "try again later" (501 Not Implemented is permanent). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Node and undici error codes of transient network failures. `ENOTFOUND` is
 * deliberately absent: a name that does not resolve is almost always a typo
 * (pass a custom `classify` to retry it, e.g. right after creating a DNS record).
 * `REQUEST_SEND_ERROR` is the Azure SDK's code for a request that never got an answer.
 */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);

/**
 * Azure Resource Manager error codes that mean "busy, try again": a Flexible Server running
 * another database operation (ServerBusy, ServerIsBusy) or being updated (ServerIsNotReady),
 * and two writes to one managed identity's federated credentials at once (409
 * ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).
 */
export const RETRYABLE_AZURE_CODES: ReadonlySet<string> = new Set([
  'ServerBusy',
  'ServerIsBusy',
  'ServerIsNotReady',
  'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
  'OperationTimedOut',
  'TooManyRequests',
  'InternalServerError',
]);
const AZURE_CODE_IN_MESSAGE =
  /\b(ServerBusy|ServerIsBusy|ServerIsNotReady|ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity|OperationTimedOut|TooManyRequests|InternalServerError)\b/;

/** PostgreSQL SQLSTATEs worth retrying; any `08xxx` (connection exception) is retryable too. */
export const RETRYABLE_SQLSTATES: ReadonlyMap<string, string> = new Map([
  ['57P03', 'cannot_connect_now'],
  ['53300', 'too_many_connections'],
  ['40001', 'serialization_failure'],
  ['40P01', 'deadlock_detected'],
]);

/** Messages of pg's own client-side errors (they carry no code) that mean the connection dropped. */
const PG_CONNECTION_MESSAGES = [/^Connection terminated unexpectedly$/, /^Connection terminated due to connection timeout$/];

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

/**
 * Decides whether `error` is transient. Walks the error, its `cause` chain and
 * the members of an `AggregateError`; the first one that carries a signal (a
 * known code, an HTTP status, a known message) decides. Everything else is
 * permanent, so it fails at once with its own message.
 *
 * @param now the current time, used to turn an HTTP-date `Retry-After` into a wait.
 */
export function classifyError(error: unknown, now = Date.now()): Classification {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  for (let index = 0; index < queue.length && index < 32; index += 1) {
    const current = queue[index];
    if (!isBag(current) || seen.has(current)) continue;
    seen.add(current);
    const verdict = classifyOne(current, now);
    if (verdict !== undefined) return verdict;
    if (current.cause !== undefined) queue.push(current.cause);
    if (Array.isArray(current.errors)) queue.push(...(current.errors as unknown[]));
  }
  return { retryable: false, reason: isBag(error) ? messageOf(error) : errorMessage(error) };
}

/** The `message` of an error or error-like object; otherwise {@link errorMessage}. */
function messageOf(error: Bag): string {
  return typeof error.message === 'string' ? error.message : errorMessage(error);
}

function classifyOne(error: Bag, now: number): Classification | undefined {
  const message = messageOf(error);
  const code = typeof error.code === 'string' ? error.code : undefined;
  const retryAfterMs = retryAfterOf(error, now);
  const transient = (reason: string): Classification => (retryAfterMs === undefined ? { retryable: true, reason } : { retryable: true, reason, retryAfterMs });

  if (code !== undefined) {
    const withCode = message.includes(code) ? message : `${code}: ${message}`;
    if (RETRYABLE_NETWORK_CODES.has(code) || RETRYABLE_AZURE_CODES.has(code)) return transient(withCode);
    const sqlState = RETRYABLE_SQLSTATES.get(code);
    if (sqlState !== undefined) return transient(`PostgreSQL ${code} (${sqlState}): ${message}`);
    if (/^08[0-9A-Z]{3}$/.test(code)) return transient(`PostgreSQL ${code} (connection exception): ${message}`);
    if (/^[0-9A-Z]{5}$/.test(code) && 'severity' in error) {
      return { retryable: false, reason: `PostgreSQL ${code}: ${message}` };
    }
  }

  const status = statusOf(error);
  if (status !== undefined) {
    const reason = message.includes(String(status)) ? message : `HTTP ${status}: ${message}`;
    if (RETRYABLE_STATUSES.has(status)) return transient(reason);
    // GitHub answers rate limits with 403 plus Retry-After or an exhausted quota.
    if (status === 403 && retryAfterMs !== undefined) return transient(reason);
    return { retryable: false, reason };
  }

  if (AZURE_CODE_IN_MESSAGE.test(message)) return transient(message);
  if (PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return transient(message);
  return undefined;
}

/** An HTTP status from `status`, `statusCode`, a numeric `code`, or `response.status(Code)`. */
function statusOf(error: Bag): number | undefined {
  const response = isBag(error.response) ? error.response : {};
  for (const candidate of [error.status, error.statusCode, error.code, response.status, response.statusCode]) {
    if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 100 && candidate <= 599) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * How long the server asked us to wait, from a `retryAfterMs` field or from
 * the headers (`response.headers` or `headers`; a plain object, a `Headers`,
 * or anything with `get`): `retry-after-ms`, `x-ms-retry-after-ms`,
 * `retry-after` (seconds or an HTTP date), or GitHub's exhausted
 * `x-ratelimit-remaining: 0` with `x-ratelimit-reset`.
 */
export function retryAfterOf(error: Bag, now = Date.now()): number | undefined {
  if (typeof error.retryAfterMs === 'number' && Number.isFinite(error.retryAfterMs)) {
    return Math.max(0, error.retryAfterMs);
  }
  const sources = [isBag(error.response) ? error.response.headers : undefined, error.headers];
  for (const headers of sources) {
    if (!isBag(headers)) continue;
    for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
      const value = header(headers, name);
      if (value !== undefined && /^\d+$/.test(value)) return Number(value);
    }
    const retryAfter = header(headers, 'retry-after');
    const parsed = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, now);
    if (parsed !== undefined) return parsed;
    const reset = header(headers, 'x-ratelimit-reset');
    if (header(headers, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d+$/.test(reset)) {
      return Math.max(0, Number(reset) * 1000 - now);
    }
  }
  return undefined;
}

/** A `Retry-After` value (delay in seconds, or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** One header, case-insensitively, from a `get`-able object or a plain record. */
function header(headers: Bag, name: string): string | undefined {
  let value: unknown;
  if (typeof headers.get === 'function') {
    value = (headers.get as (key: string) => unknown).call(headers, name);
  } else {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : headers[key];
  }
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.trim() : undefined;
}
