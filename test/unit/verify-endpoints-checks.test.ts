// Parsing and validating the `checks` input: shorthand, YAML, JSON, and every refusal naming
// the check's index, path and line before any request is sent.
import { describe, expect, it } from 'vitest';
import { parseChecks, type CheckContext } from '../../shared/endpoints/checks.ts';
import { parseBaseUrl, readInputs } from '../../shared/endpoints/inputs.ts';
import { parseJsonPath, readJsonPath } from '../../shared/endpoints/json-path.ts';
import { UserError } from '../../shared/core/errors.ts';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';

const base: CheckContext = { baseUrl: new URL('https://feature-x.example.com'), expectVersion: undefined };

function refusal(text: string, context: CheckContext = base): string {
  try {
    parseChecks(text, context);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).describe();
  }
  throw new Error('expected a refusal');
}

describe('checks input forms', () => {
  it('accepts one path or URL per line, with comments and blank lines', () => {
    const checks = parseChecks('# smoke\n/be-health\n\n/todos?limit=1\nhttps://other.example.com/ping\n', base);
    expect(checks.map((c) => [c.index, c.line, c.method, c.url, c.name])).toEqual([
      [1, 2, 'GET', 'https://feature-x.example.com/be-health', 'GET /be-health'],
      [2, 4, 'GET', 'https://feature-x.example.com/todos?limit=1', 'GET /todos?limit=1'],
      [3, 5, 'GET', 'https://other.example.com/ping', 'GET https://other.example.com/ping'],
    ]);
    expect(checks[0]!.expect.statusText).toBe('2xx');
  });

  it('accepts a YAML list mixing strings and mappings, and JSON', () => {
    const yaml = parseChecks(
      '- /be-health\n- name: todos list\n  path: todos\n  method: post\n  body: {title: x}\n  expect:\n    status: [200, 201-204]\n',
      base,
    );
    expect(yaml[1]).toMatchObject({ name: 'todos list', method: 'POST', url: 'https://feature-x.example.com/todos', body: '{"title":"x"}', line: 2 });
    expect(yaml[1]!.headers).toEqual({ 'content-type': 'application/json' });
    expect(yaml[1]!.expect.status).toEqual([
      { min: 200, max: 200 },
      { min: 201, max: 204 },
    ]);
    const json = parseChecks('[{"path": "/a", "expect": {"status": "3xx"}}]', base);
    expect(json[0]!.expect.status).toEqual([{ min: 300, max: 399 }]);
  });

  it('keeps a path prefix of base-url and does not resolve away from it', () => {
    const checks = parseChecks('- /todos\n- path: //evil.example.com/x', { ...base, baseUrl: new URL('https://host.example.com/app/') });
    expect(checks.map((c) => c.url)).toEqual(['https://host.example.com/app/todos', 'https://host.example.com/app//evil.example.com/x']);
  });

  it('parses every expectation', () => {
    const [check] = parseChecks(
      [
        '- path: /be-health',
        '  headers: { Accept: application/json, X-Count: 3 }',
        '  expect:',
        '    status: 200, 204',
        '    body-contains: [ok, db]',
        '    body-matches: /"uptime":\\s*\\d+/i',
        '    json: { $.status: ok, "items[0].id": 7 }',
        '    headers: { Content-Type: application/json, X-Frame-Options: true, Server: false, ETag: "/^W\\//" }',
        '    max-latency: 1.5s',
        '    version: $.build.sha',
      ].join('\n'),
      { ...base, expectVersion: 'abc1234' },
    );
    const e = check!.expect;
    expect(check!.headers).toEqual({ Accept: 'application/json', 'X-Count': '3' });
    expect(e.statusText).toBe('200, 204');
    expect(e.bodyContains).toEqual(['ok', 'db']);
    expect(e.bodyMatches[0]!.flags).toBe('i');
    expect(e.json.map((j) => [j.path.segments, j.value])).toEqual([
      [['status'], 'ok'],
      [['items', 0, 'id'], 7],
    ]);
    expect(e.headers.map((h) => [h.name, h.rule.kind])).toEqual([
      ['content-type', 'contains'],
      ['x-frame-options', 'present'],
      ['server', 'absent'],
      ['etag', 'matches'],
    ]);
    expect(e.maxLatencyMs).toBe(1500);
    expect(e.version).toEqual({ kind: 'json', path: { text: '$.build.sha', segments: ['build', 'sha'] } });
  });
});

describe('checks refusals', () => {
  it('points at the line of malformed YAML', () => {
    expect(refusal('- path: /a\n- path: [/b\n  expect: {}\n')).toMatch(/^Input `checks` is not valid YAML or JSON at line \d, column \d+: .*"/);
    expect(refusal('- path: /a\n  path: /b\n')).toMatch(/at line 2, column 3: Map keys must be unique: " {2}path: \/b"/);
  });

  it('names the check with no path or url by index and line', () => {
    expect(refusal('- /a\n- name: lonely\n  method: GET\n')).toBe(
      'Input `checks`, check #2 (line 2): has no `path` or `url`. Add `path: /be-health` (joined to `base-url`) or `url: https://host/be-health`.',
    );
  });

  it('rejects an unknown expectation key with its line and a suggestion', () => {
    expect(refusal('- /a\n- path: /todos\n  expect:\n    staus: 200\n')).toBe(
      'Input `checks`, check #2 ("/todos", line 4): unknown expectation key "staus". Did you mean "status"? Known keys: status, body-contains, body-matches, json, headers, max-latency, version.',
    );
    expect(refusal('- path: /a\n  expct: {status: 200}\n')).toMatch(/check #1 \("\/a", line 2\): unknown check key "expct". Did you mean "expect"\?/);
  });

  it('says where a misplaced expectation belongs', () => {
    expect(refusal('- path: /a\n  status: 200\n')).toMatch(/check #1 \("\/a", line 2\): `status` is an expectation\. Put it under `expect:`/);
  });

  it('refuses a relative URL without base-url, naming the check and path', () => {
    const none: CheckContext = { baseUrl: undefined, expectVersion: undefined };
    expect(refusal('https://ok.example.com/\n/be-health\n', none)).toBe(
      'Input `checks`, check #2 ("/be-health", line 2): the relative URL "/be-health" needs input `base-url`, which is empty. Set `base-url` (e.g. https://feature-x.example.com), or give an absolute `url`.',
    );
    expect(refusal('- url: /x\n', none)).toMatch(/`url` "\/x" is relative and input `base-url` is empty/);
  });

  it.each([
    ['both path and url', '- path: /a\n  url: https://x.example.com/', /has both `path` and `url`/],
    ['a bad status', '- path: /a\n  expect: { status: 2xxx }', /`expect.status` holds "2xxx", which is not a status/],
    ['a reversed range', '- path: /a\n  expect: { status: 299-200 }', /expect.status/],
    ['an invalid regex', '- path: /a\n  expect: { body-matches: "(" }', /invalid regular expression "\("/],
    ['a bad JSON path', '- path: /a\n  expect: { json: { "$.a[x]": 1 } }', /JSON path "\$\.a\[x\]"/],
    ['a latency without unit', '- path: /a\n  expect: { max-latency: 500 }', /max-latency` must be a duration with a unit/],
    ['a GET with a body', '- path: /a\n  body: x', /a GET request cannot carry a `body`/],
    ['HEAD with body expectations', '- path: /a\n  method: HEAD\n  expect: { body-contains: ok }', /a HEAD request has no body to check/],
    ['an unknown method', '- path: /a\n  method: FETCH', /`method` must be one of GET/],
    ['a header value with a line break', '- path: /a\n  headers: { X-A: "a\\nb" }', /line break/],
    ['a repeated header', '- path: /a\n  headers: { accept: a, Accept: b }', /gives "Accept" twice/],
    [
      'credentials in the URL',
      '- url: https://user:pw@x.example.com/',
      /check #1 \("https:\/\/\*\*\*@x\.example\.com\/", line 1\): the URL carries a user name or password/,
    ],
    ['a non-http URL', '- url: ftp://x.example.com/', /not an http or https URL/],
    ['a mapping instead of a list', 'path: /a', /must be a list of checks, found a mapping/],
    ['a number entry', '- 42', /must be a path or a mapping/],
    ['expect that is a list', '- path: /a\n  expect: [200]', /`expect` must be a mapping/],
  ])('refuses %s', (_what, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('never quotes a header value (it may be a credential)', () => {
    const message = refusal('- path: /a\n  headers: { Authorization: "Bearer x\\ny-secret" }');
    expect(message).not.toContain('y-secret');
  });

  it('ties expect.version and expect-version together', () => {
    expect(refusal('- path: /a\n  expect: { version: $.sha }')).toMatch(/`expect.version` says where the version appears, but input `expect-version` is empty/);
    expect(refusal('- /a', { ...base, expectVersion: 'abc1234' })).toMatch(/^Input `expect-version` is "abc1234", but no check says where the version appears/);
    expect(refusal('- path: /a\n  expect: { version: "header:bad header" }', { ...base, expectVersion: 'v1' })).toMatch(/invalid header "bad header"/);
  });
});

describe('inputs', () => {
  const read = (record: Record<string, string>) => readInputs(new InputReader(inputsFromRecord(record)));

  it('reads defaults', () => {
    const inputs = read({ checks: 'https://x.example.com/' });
    expect(inputs).toMatchObject({
      baseUrl: undefined,
      timeoutMs: 300_000,
      intervalMs: 2000,
      requestTimeoutMs: 10_000,
      concurrency: 8,
      insecureTls: false,
      followRedirects: true,
      secretHeaders: [],
    });
  });

  it.each([
    [{ checks: '' }, /Input `checks` is required/],
    [{ checks: '/a', 'base-url': 'feature-x.example.com' }, /Input `base-url` must be an absolute URL, got "feature-x.example.com"/],
    [{ checks: '/a', 'base-url': 'https://u:p@x.example.com' }, /`base-url` carries a user name or password/],
    [{ checks: '/a', 'base-url': 'https://x.example.com/?a=1' }, /must not have a query/],
    [{ checks: '/a', 'base-url': 'https://x.example.com', timeout: 'soon' }, /Input `timeout` must be a duration/],
    [{ checks: '/a', 'base-url': 'https://x.example.com', interval: '10ms' }, /`interval` must be at least 100ms/],
    [{ checks: '/a', 'base-url': 'https://x.example.com', concurrency: '0' }, /Input `concurrency` must be a whole number between 1 and 100/],
    [{ checks: '/a', 'base-url': 'https://x.example.com', 'insecure-tls': 'yes' }, /Input `insecure-tls` must be true or false/],
    [{ checks: '/a', 'base-url': 'https://x.example.com', 'ca-certificate': 'not a pem' }, /`ca-certificate` must hold PEM/],
  ])('refuses %o', (record, message) => {
    expect(() => read(record)).toThrow(message);
  });

  it('parses base-url keeping its path', () => {
    expect(parseBaseUrl('https://x.example.com/app')?.pathname).toBe('/app');
  });
});

describe('JSON paths', () => {
  it.each([
    ['$', []],
    ['$.a.b', ['a', 'b']],
    ['a.b', ['a', 'b']],
    ['$.items[2].id', ['items', 2, 'id']],
    ["$['odd key'].x", ['odd key', 'x']],
    ['[0]', [0]],
  ])('parses %s', (text, segments) => {
    expect(parseJsonPath(text)).toEqual({ text, segments });
  });

  it.each(['', '$.', '$.a[', '$.a[x]', '$a', '$.a..b'])('refuses %j', (text) => {
    expect(typeof parseJsonPath(text)).toBe('string');
  });

  it('reads values and names the first missing step', () => {
    const doc = { a: { list: [{ id: 1 }] }, n: null };
    const path = (text: string) => parseJsonPath(text) as Exclude<ReturnType<typeof parseJsonPath>, string>;
    expect(readJsonPath(doc, path('$.a.list[0].id'))).toEqual({ found: true, value: 1 });
    expect(readJsonPath(doc, path('$.n'))).toEqual({ found: true, value: null });
    expect(readJsonPath(doc, path('$.a.list[3].id'))).toEqual({ found: false, missing: '$.a.list[3]' });
    expect(readJsonPath(doc, path('$.toString'))).toEqual({ found: false, missing: '$.toString' });
  });
});
