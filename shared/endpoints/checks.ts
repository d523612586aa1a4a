// Validates the checks list into sendable checks. Every problem is found before any request
// and named by the check's index, path and line.
import { isRecord } from '../core/json.ts';
import { UserError, isUserError } from '../core/errors.ts';
import type { Check } from './check-types.ts';
import { readChecksDocument, type RawCheck } from './checks-document.ts';
import { EXPECT_KEYS, checkKeys, parseExpectations, type Fail } from './expect-parse.ts';
import type { SetSecret } from '../core/secrets.ts';
import { Redactor, redactUrl } from './redact.ts';

/** Every key a check accepts (expectations go under `expect`). */
export const CHECK_KEYS = ['name', 'path', 'url', 'method', 'headers', 'body', 'expect'] as const;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** What the checks are resolved against. */
export interface CheckContext {
  /** The `base-url` input, validated; undefined when not given. */
  baseUrl: URL | undefined;
  /** The `expect-version` input; undefined when not given. */
  expectVersion: string | undefined;
  /** Input name, for messages (default `checks`). */
  input?: string;
  /** Header names (lower-case) the user marked as credentials (`secret-headers`). */
  markedHeaders?: readonly string[];
  /**
   * Registers a secret with the runner's masker: when the text is refused, the credential
   * values found in it are registered before the message (which may quote it) is thrown.
   */
  setSecret?: SetSecret;
}

/** Parses and validates the `checks` input text. */
export function parseChecks(text: string, context: CheckContext): Check[] {
  const input = context.input ?? 'checks';
  const redactor = Redactor.forText(text, context.markedHeaders);
  let checks: Check[];
  try {
    checks = readChecksDocument(text, input, (line) => redactor.redactMessage(line)).map((raw) => buildCheck(raw, context, input));
  } catch (error: unknown) {
    // Every message here may quote the document: its credentials are masked first, and taken out of the message.
    if (!isUserError(error)) throw error;
    if (context.setSecret) redactor.register(context.setSecret);
    throw new UserError(redactor.redactMessage(error.message), error.fix === undefined ? {} : { fix: redactor.redactMessage(error.fix) });
  }
  if (context.expectVersion !== undefined && !checks.some((check) => check.expect.version !== undefined)) {
    throw new UserError(`Input \`expect-version\` is ${JSON.stringify(context.expectVersion)}, but no check says where the version appears.`, {
      fix: 'Add `version: $.version` (a JSON path), `version: body` or `version: header:X-Version` under `expect:` of the check that shows it.',
    });
  }
  return checks;
}

function describeTarget(value: unknown): string | undefined {
  const target = isRecord(value) ? (value['path'] ?? value['url']) : value;
  // A URL's user info and key-like query values may be credentials: never quote them.
  return typeof target === 'string' ? redactUrl(target) : undefined;
}

function buildCheck(raw: RawCheck, context: CheckContext, input: string): Check {
  const target = describeTarget(raw.value);
  const fail: Fail = (message, keys, fix) => {
    const where = `check #${raw.index} (${target === undefined ? '' : `${JSON.stringify(target)}, `}line ${raw.lineOf(keys)})`;
    throw new UserError(`Input \`${input}\`, ${where}: ${message}.`, fix === undefined ? {} : { fix });
  };
  const value: unknown = typeof raw.value === 'string' ? (ABSOLUTE.test(raw.value) ? { url: raw.value } : { path: raw.value }) : raw.value;
  if (!isRecord(value)) {
    return fail(`must be a path or a mapping with \`path\` or \`url\`, got ${JSON.stringify(value)}`, [], 'e.g. - path: /be-health');
  }
  for (const key of Object.keys(value)) {
    if ((EXPECT_KEYS as readonly string[]).includes(key) && key !== 'headers') {
      fail(`\`${key}\` is an expectation`, [key], `Put it under \`expect:\`, e.g.\n  expect:\n    ${key}: ...`);
    }
  }
  checkKeys(value, CHECK_KEYS, 'check', [], fail);
  const method = parseMethod(value['method'], fail);
  const expect = parseExpectations(value['expect'], fail);
  if (expect.version !== undefined && context.expectVersion === undefined) {
    fail(
      '`expect.version` says where the version appears, but input `expect-version` is empty',
      ['expect', 'version'],
      'Pass `expect-version` (e.g. the deployed commit sha) or remove `version:`; an empty value would prove nothing.',
    );
  }
  if (
    method === 'HEAD' &&
    (expect.bodyContains.length > 0 ||
      expect.bodyMatches.length > 0 ||
      expect.json.length > 0 ||
      expect.version?.kind === 'body' ||
      expect.version?.kind === 'json')
  ) {
    fail('a HEAD request has no body to check', ['method'], 'Use GET, or expect only status and headers.');
  }
  const headers = parseHeaders(value['headers'], fail);
  const body = parseBody(value['body'], method, headers, fail);
  const url = resolveUrl(value, context.baseUrl, fail);
  const name =
    value['name'] === undefined
      ? `${method} ${target ?? url}`
      : typeof value['name'] === 'string' && value['name'].trim() !== ''
        ? value['name'].trim()
        : fail('`name` must be non-empty text', ['name']);
  return { index: raw.index, line: raw.line, name, target: target ?? url, method, url, headers, body, expect };
}

function parseMethod(value: unknown, fail: Fail): string {
  if (value === undefined) return 'GET';
  const method = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!METHODS.includes(method)) fail(`\`method\` must be one of ${METHODS.join(', ')}, got ${JSON.stringify(value)}`, ['method']);
  return method;
}

function parseHeaders(value: unknown, fail: Fail): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return fail('`headers` must map header names to values', ['headers'], 'e.g. headers: { Authorization: Bearer ${{ secrets.TOKEN }} }');
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, raw] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) fail(`\`headers\` has an invalid header name ${JSON.stringify(name)}`, ['headers', name]);
    if (seen.has(name.toLowerCase())) fail(`\`headers\` gives ${JSON.stringify(name)} twice (names are case-insensitive)`, ['headers', name]);
    seen.add(name.toLowerCase());
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      fail(`header ${JSON.stringify(name)} must have a text value`, ['headers', name]);
    }
    const text = String(raw);
    // The value is never quoted here: it may be a credential.
    if (/[\r\n\0]/.test(text)) fail(`header ${JSON.stringify(name)} has a line break or NUL in its value`, ['headers', name]);
    headers[name] = text.trim();
  }
  return headers;
}

function parseBody(value: unknown, method: string, headers: Record<string, string>, fail: Fail): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (method === 'GET' || method === 'HEAD')
    fail(`a ${method} request cannot carry a \`body\``, ['body'], 'Set `method: POST` (or PUT, PATCH), or remove `body`.');
  if (typeof value === 'string') return value;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return JSON.stringify(value);
}

function resolveUrl(value: Record<string, unknown>, baseUrl: URL | undefined, fail: Fail): string {
  const path = value['path'];
  const url = value['url'];
  if (path !== undefined && url !== undefined) fail('has both `path` and `url`', ['url'], 'Give one: `path` is joined to `base-url`, `url` is used as is.');
  if (path === undefined && url === undefined)
    fail('has no `path` or `url`', [], 'Add `path: /be-health` (joined to `base-url`) or `url: https://host/be-health`.');
  const key = path !== undefined ? 'path' : 'url';
  const text = path ?? url;
  if (typeof text !== 'string' || text.trim() === '') return fail(`\`${key}\` must be non-empty text, got ${JSON.stringify(text)}`, [key]);
  const trimmed = text.trim();
  let absolute: string;
  if (key === 'url' || ABSOLUTE.test(trimmed)) {
    if (!ABSOLUTE.test(trimmed)) {
      if (baseUrl === undefined)
        fail(
          `\`url\` ${JSON.stringify(trimmed)} is relative and input \`base-url\` is empty`,
          [key],
          'Give an absolute URL (https://host/path), or set `base-url` and use `path`.',
        );
      fail(`\`url\` ${JSON.stringify(trimmed)} is relative`, [key], 'Use `path` for URLs relative to `base-url`.');
    }
    absolute = trimmed;
  } else {
    if (baseUrl === undefined)
      fail(
        `the relative URL ${JSON.stringify(trimmed)} needs input \`base-url\`, which is empty`,
        [key],
        'Set `base-url` (e.g. https://feature-x.example.com), or give an absolute `url`.',
      );
    absolute = `${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, '')}${trimmed.startsWith('/') ? '' : '/'}${trimmed}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(absolute);
  } catch {
    return fail(`${JSON.stringify(absolute)} is not a valid URL`, [key]);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(`${JSON.stringify(trimmed)} is not an http or https URL`, [key]);
  if (parsed.username !== '' || parsed.password !== '') {
    fail('the URL carries a user name or password', [key], 'Send credentials in `headers` (e.g. Authorization), where they are masked.');
  }
  parsed.hash = '';
  return parsed.href;
}
