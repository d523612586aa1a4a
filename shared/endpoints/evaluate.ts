// Judges one attempt of a check: did the answer meet every expectation, and if not, is the
// environment simply not ready yet, answering wrongly, or still running the old version.
import { isDeepStrictEqual } from 'node:util';
import { parseRetryAfter } from '../core/retry-policy.ts';
import type { Check, Expectations, VersionLocation } from './check-types.ts';
import type { HttpAnswer, Outcome } from './http-client.ts';
import { readJsonPath } from './json-path.ts';
import { MASK, isCredentialHeader } from './redact.ts';
import { describeTransportError } from './transport-errors.ts';

/** How an attempt ended. */
export type Verdict = 'passed' | 'not-ready' | 'wrong-answer' | 'old-version';

/** One expectation that failed. */
export interface Failure {
  /** The expectation key (`status`, `json`, `version`, ...), or `request` when nothing came back. */
  expectation: string;
  message: string;
}

/** The verdict on one attempt, with what came back. */
export interface Judgement {
  verdict: Verdict;
  /** Every failed expectation (empty when passed). */
  failures: Failure[];
  /** HTTP status, when an answer came. */
  status: number | undefined;
  latencyMs: number;
  /** The start of the body (whitespace collapsed), when an answer came. */
  snippet: string | undefined;
  /** The version the answer showed (JSON path or header checks). */
  version: string | undefined;
  /** The URL that answered, when redirected. */
  finalUrl: string | undefined;
  /** How long the server asked to wait (Retry-After on 429/503). */
  retryAfterMs: number | undefined;
  /** Whether the failure was a TLS problem. */
  tls: boolean;
}

/** Statuses an ingress gives while the app behind it is not there yet. */
export const NOT_READY_STATUSES: ReadonlySet<number> = new Set([404, 429, 502, 503, 504]);

/** Characters of body kept for reports. */
export const SNIPPET_LENGTH = 200;

/** The first {@link SNIPPET_LENGTH} characters of a body, whitespace collapsed. */
export function snippetOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > SNIPPET_LENGTH ? `${chars.slice(0, SNIPPET_LENGTH).join('')}…` : flat;
}

/** A short sha matches the full one (and the other way round); otherwise values must be equal. */
export function versionMatches(found: string, expected: string): boolean {
  const a = found.trim().toLowerCase();
  const b = expected.trim().toLowerCase();
  if (a === b) return true;
  const hex = /^[0-9a-f]{7,64}$/;
  return hex.test(a) && hex.test(b) && (a.startsWith(b) || b.startsWith(a));
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function inRange(status: number, expect: Expectations): boolean {
  return expect.status.some((range) => status >= range.min && status <= range.max);
}

/** An answer being checked: the failures found so far, and its body parsed as JSON at most once. */
class AnswerCheck {
  readonly answer: HttpAnswer;
  readonly failures: Failure[] = [];
  /** Appended to body messages when the body was cut. */
  readonly cut: string;
  #parsed: { ok: true; value: unknown } | { ok: false } | undefined;

  constructor(answer: HttpAnswer) {
    this.answer = answer;
    this.cut = answer.truncated ? ' (body cut at 1 MiB)' : '';
  }

  fail(expectation: string, message: string): void {
    this.failures.push({ expectation, message });
  }

  /** The body as JSON (parsed on first use). */
  json(): { ok: true; value: unknown } | { ok: false } {
    if (this.#parsed === undefined) {
      try {
        this.#parsed = { ok: true, value: JSON.parse(this.answer.body) as unknown };
      } catch {
        this.#parsed = { ok: false };
      }
    }
    return this.#parsed;
  }

  /** Why the body could not be read as JSON. */
  notJson(): string {
    const type = this.answer.headers['content-type'];
    return `body is not JSON${type ? ` (content-type ${type})` : ''}${this.cut}`;
  }
}

/** `body-contains` and `body-matches`. */
function checkBodyText(check: AnswerCheck, expect: Expectations): void {
  const { body } = check.answer;
  for (const text of expect.bodyContains) if (!body.includes(text)) check.fail('body-contains', `body does not contain ${JSON.stringify(text)}${check.cut}`);
  for (const pattern of expect.bodyMatches) if (!pattern.test(body)) check.fail('body-matches', `body does not match ${String(pattern)}${check.cut}`);
}

/** `json`: each path holds the expected value (one failure when the body is not JSON). */
function checkJsonValues(check: AnswerCheck, expect: Expectations): void {
  for (const { path, value } of expect.json) {
    const document = check.json();
    if (!document.ok) return check.fail('json', check.notJson());
    const read = readJsonPath(document.value, path);
    if (!read.found) check.fail('json', `${path.text} is missing (no ${read.missing})`);
    else if (!isDeepStrictEqual(read.value, value)) check.fail('json', `${path.text} is ${JSON.stringify(read.value)}, expected ${JSON.stringify(value)}`);
  }
}

/** `headers`: present, absent, contains or matches; credential headers shown as *** (they are not values the user gave). */
function checkHeaders(check: AnswerCheck, expect: Expectations): void {
  for (const { name, rule } of expect.headers) {
    const value = check.answer.headers[name];
    const actual = value !== undefined && isCredentialHeader(name) ? MASK : value;
    const shown = actual === undefined ? 'missing' : JSON.stringify(actual);
    if (rule.kind === 'present' && actual === undefined) check.fail('headers', `header ${name} is missing`);
    if (rule.kind === 'absent' && actual !== undefined) check.fail('headers', `header ${name} is present ("${actual}"), expected absent`);
    if (rule.kind === 'contains' && !value?.toLowerCase().includes(rule.text.toLowerCase()))
      check.fail('headers', `header ${name} is ${shown}, expected it to contain ${JSON.stringify(rule.text)}`);
    if (rule.kind === 'matches' && (value === undefined || !rule.pattern.test(value)))
      check.fail('headers', `header ${name} is ${shown}, expected to match ${String(rule.pattern)}`);
  }
}

/** `expect.version` against `expect-version`: in the body, or read from a header or JSON path; returns the version read. */
function checkVersion(check: AnswerCheck, location: VersionLocation | undefined, expectVersion: string | undefined): string | undefined {
  if (location === undefined || expectVersion === undefined) return undefined;
  if (location.kind === 'body') {
    if (!check.answer.body.includes(expectVersion))
      check.fail('version', `version ${expectVersion} does not appear in the body (an older version still answering?)${check.cut}`);
    return undefined;
  }
  const { found, where } = readVersion(check, location);
  if (found === undefined) check.fail('version', `no version at ${where}`);
  else if (!versionMatches(found, expectVersion))
    check.fail('version', `old version ${JSON.stringify(found)} still answering at ${where} (expected ${expectVersion})`);
  return found;
}

/** The version a header or JSON path shows, and where it was looked for. */
function readVersion(check: AnswerCheck, location: Exclude<VersionLocation, { kind: 'body' }>): { found: string | undefined; where: string } {
  if (location.kind === 'header') return { found: check.answer.headers[location.name], where: `header ${location.name}` };
  const document = check.json();
  const read = document.ok ? readJsonPath(document.value, location.path) : undefined;
  const found = read?.found ? scalarText(read.value) : undefined;
  return { found, where: document.ok ? location.path.text : `${location.path.text} (${check.notJson()})` };
}

/** Checks an answer that arrived with an accepted status against the other expectations. */
function checkAnswer(
  expect: Expectations,
  answer: HttpAnswer,
  latencyMs: number,
  expectVersion: string | undefined,
): { failures: Failure[]; version: string | undefined } {
  const check = new AnswerCheck(answer);
  checkBodyText(check, expect);
  checkJsonValues(check, expect);
  checkHeaders(check, expect);
  if (expect.maxLatencyMs !== undefined && latencyMs > expect.maxLatencyMs)
    check.fail('max-latency', `answered in ${Math.round(latencyMs)} ms, over max-latency ${expect.maxLatencyMs} ms`);
  const version = checkVersion(check, expect.version, expectVersion);
  return { failures: check.failures, version };
}

/** Judges one attempt of `check`. */
export function judge(check: Check, outcome: Outcome, expectVersion: string | undefined): Judgement {
  const base = { latencyMs: outcome.latencyMs, retryAfterMs: undefined, version: undefined, finalUrl: undefined, tls: false };
  if (outcome.kind === 'error') {
    const problem = describeTransportError(outcome.error);
    return {
      ...base,
      verdict: 'not-ready',
      failures: [{ expectation: 'request', message: problem.reason }],
      status: undefined,
      snippet: undefined,
      tls: problem.tls,
    };
  }
  const { answer } = outcome;
  const snippet = snippetOf(answer.body);
  const finalUrl = answer.redirects.length > 0 ? answer.url : undefined;
  if (!inRange(answer.status, check.expect)) {
    const location = answer.headers['location'];
    const redirect = answer.status >= 300 && answer.status < 400 && location !== undefined ? ` redirecting to ${location}` : '';
    const retryAfter = answer.headers['retry-after'];
    return {
      ...base,
      verdict: NOT_READY_STATUSES.has(answer.status) ? 'not-ready' : 'wrong-answer',
      failures: [{ expectation: 'status', message: `HTTP ${answer.status}${redirect}, expected ${check.expect.statusText}` }],
      status: answer.status,
      snippet,
      finalUrl,
      retryAfterMs: retryAfter === undefined ? undefined : parseRetryAfter(retryAfter),
    };
  }
  const { failures, version } = checkAnswer(check.expect, answer, outcome.latencyMs, expectVersion);
  const verdict: Verdict = failures.length === 0 ? 'passed' : failures.every((f) => f.expectation === 'version') ? 'old-version' : 'wrong-answer';
  return { ...base, verdict, failures, status: answer.status, snippet, version, finalUrl };
}
