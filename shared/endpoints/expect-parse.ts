// Validates the `expect:` section of a check. Strict: an unknown key is an error (a typo such
// as `staus` must not silently pass), and every value is checked before any request is sent.
import { parseDuration } from '../core/duration.ts';
import type { Expectations, HeaderRule, StatusRange, VersionLocation } from './check-types.ts';
import { parseJsonPath, type JsonPath } from './json-path.ts';
import { isRecord } from '../core/json.ts';

/** Reports a problem in the current check; `keys` locate it (for the line number). */
export type Fail = (message: string, keys: readonly string[], fix?: string) => never;

/** Every key `expect:` accepts. */
export const EXPECT_KEYS = ['status', 'body-contains', 'body-matches', 'json', 'headers', 'max-latency', 'version'] as const;

/** The closest of `known` to `key` (at most 2 edits away), for "did you mean". */
export function nearest(key: string, known: readonly string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = editDistance(key.toLowerCase(), word);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { word, distance };
  }
  return best?.word;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Rejects keys outside `known`, suggesting the nearest. */
export function checkKeys(value: Record<string, unknown>, known: readonly string[], what: string, prefix: readonly string[], fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    fail(
      `unknown ${what} key ${JSON.stringify(key)}`,
      [...prefix, key],
      `${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Known keys: ${known.join(', ')}.`,
    );
  }
}

const STATUS_FORMS = 'a status (200), a class (2xx), a range (200-299), or a list of these';

function parseStatusPart(part: unknown, fail: Fail): StatusRange {
  const text = typeof part === 'number' ? String(part) : typeof part === 'string' ? part.trim() : undefined;
  const inRange = (n: number): boolean => n >= 100 && n <= 599;
  let range: StatusRange | undefined;
  const klass = text === undefined ? null : /^([1-5])xx$/i.exec(text);
  const span = text === undefined ? null : /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
  if (klass) range = { min: Number(klass[1]) * 100, max: Number(klass[1]) * 100 + 99 };
  else if (span) range = { min: Number(span[1]), max: Number(span[2]) };
  else if (text !== undefined && /^\d{3}$/.test(text)) range = { min: Number(text), max: Number(text) };
  if (range === undefined || !inRange(range.min) || !inRange(range.max) || range.min > range.max) {
    return fail(`\`expect.status\` holds ${JSON.stringify(part)}, which is not ${STATUS_FORMS}`, ['expect', 'status'], 'Statuses are 100 to 599.');
  }
  return range;
}

/** `status:` as ranges plus the text shown in messages. */
function parseStatus(value: unknown, fail: Fail): { ranges: StatusRange[]; text: string } {
  const parts = Array.isArray(value) ? (value as unknown[]) : typeof value === 'string' ? value.split(',') : [value];
  if (parts.length === 0) fail(`\`expect.status\` is an empty list`, ['expect', 'status'], `Give ${STATUS_FORMS}.`);
  const ranges = parts.map((part) => parseStatusPart(part, fail));
  const text = ranges
    .map((r) => (r.min === r.max ? String(r.min) : r.max - r.min === 99 && r.min % 100 === 0 ? `${r.min / 100}xx` : `${r.min}-${r.max}`))
    .join(', ');
  return { ranges, text };
}

function stringList(value: unknown, key: string, fail: Fail): string[] {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((item) => {
    if (typeof item === 'string' && item !== '') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    return fail(`\`expect.${key}\` must be a non-empty string or a list of them, got ${JSON.stringify(item)}`, ['expect', key]);
  });
}

/** A regular expression written plainly (`ok|up`) or as `/ok|up/i`. */
export function parseRegex(text: string, key: string, keys: readonly string[], fail: Fail): RegExp {
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(text);
  try {
    return literal ? new RegExp(literal[1] ?? '', (literal[2] ?? '').replace(/[gy]/g, '')) : new RegExp(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`\`${key}\` holds an invalid regular expression ${JSON.stringify(text)} (${reason})`, keys);
  }
}

function jsonPathOrFail(text: string, key: string, keys: readonly string[], fail: Fail): JsonPath {
  const path = parseJsonPath(text);
  if (typeof path === 'string') {
    return fail(
      `\`${key}\` holds the JSON path ${JSON.stringify(text)}, which has ${path}`,
      keys,
      'Write paths like $.version, $.items[0].id or $["odd key"].',
    );
  }
  return path;
}

function parseJsonExpectations(value: unknown, fail: Fail): Expectations['json'] {
  if (!isRecord(value))
    return fail('`expect.json` must map JSON paths to expected values', ['expect', 'json'], 'e.g. json: { $.status: ok, $.db.connected: true }');
  return Object.entries(value).map(([path, expected]) => ({ path: jsonPathOrFail(path, 'expect.json', ['expect', 'json', path], fail), value: expected }));
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseHeaderExpectations(value: unknown, fail: Fail): Expectations['headers'] {
  if (!isRecord(value))
    return fail('`expect.headers` must map header names to expected values', ['expect', 'headers'], 'e.g. headers: { content-type: application/json }');
  return Object.entries(value).map(([name, expected]) => {
    const keys = ['expect', 'headers', name];
    if (!HEADER_NAME.test(name)) fail(`\`expect.headers\` has an invalid header name ${JSON.stringify(name)}`, keys);
    let rule: HeaderRule;
    if (expected === true) rule = { kind: 'present' };
    else if (expected === false) rule = { kind: 'absent' };
    else if (typeof expected === 'string' && /^\/.*\/[a-z]*$/s.test(expected))
      rule = { kind: 'matches', pattern: parseRegex(expected, 'expect.headers', keys, fail) };
    else if (typeof expected === 'string' || typeof expected === 'number') rule = { kind: 'contains', text: String(expected) };
    else return fail(`\`expect.headers.${name}\` must be text, /regex/, true (present) or false (absent), got ${JSON.stringify(expected)}`, keys);
    return { name: name.toLowerCase(), rule };
  });
}

function parseLatency(value: unknown, fail: Fail): number {
  const text = typeof value === 'string' ? value.trim() : String(value);
  const parsed = /[a-z]$/.test(text) ? parseDuration(text) : undefined;
  if (parsed === undefined || parsed <= 0) {
    return fail(
      `\`expect.max-latency\` must be a duration with a unit such as 500ms or 2s, got ${JSON.stringify(value)}`,
      ['expect', 'max-latency'],
      'A bare number is ambiguous here; write the unit.',
    );
  }
  return parsed;
}

function parseVersion(value: unknown, fail: Fail): VersionLocation {
  const keys = ['expect', 'version'];
  if (typeof value !== 'string' || value.trim() === '') {
    return fail('`expect.version` must say where the version appears: body, header:<name>, or a JSON path such as $.version', keys);
  }
  const text = value.trim();
  if (text === 'body') return { kind: 'body' };
  const header = /^header:\s*(.+)$/i.exec(text);
  if (header) {
    const name = header[1]?.trim() ?? '';
    if (!HEADER_NAME.test(name)) fail(`\`expect.version\` names an invalid header ${JSON.stringify(name)}`, keys);
    return { kind: 'header', name: name.toLowerCase() };
  }
  return { kind: 'json', path: jsonPathOrFail(text, 'expect.version', keys, fail) };
}

/** Validates `expect:` (undefined means defaults: any 2xx). */
export function parseExpectations(value: unknown, fail: Fail): Expectations {
  const expect: Expectations = {
    status: [{ min: 200, max: 299 }],
    statusText: '2xx',
    bodyContains: [],
    bodyMatches: [],
    json: [],
    headers: [],
    maxLatencyMs: undefined,
    version: undefined,
  };
  if (value === undefined || value === null) return expect;
  if (!isRecord(value)) return fail('`expect` must be a mapping of expectations', ['expect'], `Known keys: ${EXPECT_KEYS.join(', ')}.`);
  checkKeys(value, EXPECT_KEYS, 'expectation', ['expect'], fail);
  if (value['status'] !== undefined) {
    const status = parseStatus(value['status'], fail);
    expect.status = status.ranges;
    expect.statusText = status.text;
  }
  if (value['body-contains'] !== undefined) expect.bodyContains = stringList(value['body-contains'], 'body-contains', fail);
  if (value['body-matches'] !== undefined) {
    expect.bodyMatches = stringList(value['body-matches'], 'body-matches', fail).map((text) =>
      parseRegex(text, 'expect.body-matches', ['expect', 'body-matches'], fail),
    );
  }
  if (value['json'] !== undefined) expect.json = parseJsonExpectations(value['json'], fail);
  if (value['headers'] !== undefined) expect.headers = parseHeaderExpectations(value['headers'], fail);
  if (value['max-latency'] !== undefined) expect.maxLatencyMs = parseLatency(value['max-latency'], fail);
  if (value['version'] !== undefined) expect.version = parseVersion(value['version'], fail);
  return expect;
}
