// Judging one attempt: expectations against an answer, the verdict (not ready, wrong answer,
// old version), transport errors in a few words, and credentials kept out of the text.
import tls from 'node:tls';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseChecks } from '../../shared/endpoints/checks.ts';
import { judge, snippetOf, versionMatches } from '../../shared/endpoints/evaluate.ts';
import { RedirectError, RequestTimeoutError, type HttpAnswer, type Outcome } from '../../shared/endpoints/http-client.ts';
import { describeTransportError } from '../../shared/endpoints/transport-errors.ts';

const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';

function check(yaml: string, expectVersion?: string) {
  return parseChecks(yaml, { baseUrl: new URL('https://x.example.com'), expectVersion })[0]!;
}

function answer(partial: Partial<HttpAnswer> & { json?: unknown }, latencyMs = 20): Outcome {
  const { json, ...rest } = partial;
  const body = json === undefined ? (rest.body ?? '') : JSON.stringify(json);
  return { kind: 'answer', latencyMs, answer: { status: 200, headers: {}, truncated: false, url: 'https://x.example.com/', redirects: [], ...rest, body } };
}

describe('status', () => {
  it('defaults to 2xx and calls ingress statuses "not ready"', () => {
    const c = check('- /a');
    expect(judge(c, answer({ status: 204 }), undefined).verdict).toBe('passed');
    for (const status of [404, 429, 502, 503, 504]) {
      expect(judge(c, answer({ status }), undefined)).toMatchObject({
        verdict: 'not-ready',
        failures: [{ expectation: 'status', message: `HTTP ${status}, expected 2xx` }],
      });
    }
    expect(judge(c, answer({ status: 500, body: 'boom' }), undefined)).toMatchObject({ verdict: 'wrong-answer', snippet: 'boom' });
    expect(judge(c, answer({ status: 401 }), undefined).verdict).toBe('wrong-answer');
  });

  it('accepts what the check expects, even a 404', () => {
    expect(judge(check('- path: /gone\n  expect: { status: 404 }'), answer({ status: 404 }), undefined).verdict).toBe('passed');
    expect(judge(check('- path: /a\n  expect: { status: [200, 300-302] }'), answer({ status: 302 }), undefined).verdict).toBe('passed');
  });

  it('does not judge the body of a wrong status, and passes on Retry-After', () => {
    const j = judge(check('- path: /a\n  expect: { body-contains: ok }'), answer({ status: 503, headers: { 'retry-after': '3' }, body: 'busy' }), undefined);
    expect(j.failures).toHaveLength(1);
    expect(j.retryAfterMs).toBe(3000);
  });

  it('names where a redirect points', () => {
    const j = judge(check('- /a'), answer({ status: 302, headers: { location: '/login' } }), undefined);
    expect(j.failures[0]!.message).toBe('HTTP 302 redirecting to /login, expected 2xx');
  });
});

describe('body, JSON, headers and latency', () => {
  const c = check(
    [
      '- path: /a',
      '  expect:',
      '    body-contains: ok',
      '    body-matches: /UP/i',
      '    json: { $.status: ok, $.checks: [db, cache], $.n: 1 }',
      '    headers: { content-type: json, x-frame-options: true, server: false }',
      '    max-latency: 100ms',
    ].join('\n'),
  );
  const good = {
    json: { status: 'ok', checks: ['db', 'cache'], n: 1, state: 'up' },
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-frame-options': 'DENY' },
  };

  it('passes when everything holds', () => {
    expect(judge(c, answer(good), undefined)).toMatchObject({ verdict: 'passed', failures: [] });
  });

  it('lists every failed expectation', () => {
    const j = judge(c, answer({ json: { status: 'down', checks: ['db'] }, headers: { 'content-type': 'text/html', server: 'nginx' } }, 250), undefined);
    expect(j.verdict).toBe('wrong-answer');
    expect(j.failures.map((f) => f.message)).toEqual([
      'body does not contain "ok"',
      'body does not match /UP/i',
      '$.status is "down", expected "ok"',
      '$.checks is ["db"], expected ["db","cache"]',
      '$.n is missing (no $.n)',
      'header content-type is "text/html", expected it to contain "json"',
      'header x-frame-options is missing',
      'header server is present ("nginx"), expected absent',
      'answered in 250 ms, over max-latency 100 ms',
    ]);
  });

  it('says when the body is not JSON', () => {
    const j = judge(
      check('- path: /a\n  expect: { json: { $.a: 1, $.b: 2 } }'),
      answer({ body: '<html>', headers: { 'content-type': 'text/html' } }),
      undefined,
    );
    expect(j.failures).toEqual([{ expectation: 'json', message: 'body is not JSON (content-type text/html)' }]);
  });

  it('masks a credential header it prints', () => {
    const j = judge(
      check('- path: /a\n  expect: { headers: { set-cookie: false } }'),
      answer({ headers: { 'set-cookie': 'session=abc123secret' } }),
      undefined,
    );
    expect(j.failures[0]!.message).toBe('header set-cookie is present ("***"), expected absent');
  });

  it('mentions a cut body', () => {
    const j = judge(check('- path: /a\n  expect: { body-contains: tail }'), answer({ body: 'head', truncated: true }), undefined);
    expect(j.failures[0]!.message).toBe('body does not contain "tail" (body cut at 1 MiB)');
  });
});

describe('version proof', () => {
  it('matches a short sha to the full one, not other values', () => {
    expect(versionMatches(SHA, SHA.slice(0, 7))).toBe(true);
    expect(versionMatches(SHA.slice(0, 12).toUpperCase(), SHA)).toBe(true);
    expect(versionMatches(SHA.slice(0, 6), SHA)).toBe(false);
    expect(versionMatches('v1.2', 'v1.2')).toBe(true);
    expect(versionMatches('v1.2.1', 'v1.2')).toBe(false);
  });

  it('calls a different version at the JSON path "old version"', () => {
    const c = check('- path: /version\n  expect: { version: $.sha }', SHA);
    expect(judge(c, answer({ json: { sha: SHA } }), SHA)).toMatchObject({ verdict: 'passed', version: SHA });
    expect(judge(c, answer({ json: { sha: 'deadbee' } }), SHA)).toMatchObject({
      verdict: 'old-version',
      version: 'deadbee',
      failures: [{ expectation: 'version', message: `old version "deadbee" still answering at $.sha (expected ${SHA})` }],
    });
    expect(judge(c, answer({ json: {} }), SHA).failures[0]!.message).toBe('no version at $.sha');
    expect(judge(c, answer({ body: 'oops' }), SHA).failures[0]!.message).toBe('no version at $.sha (body is not JSON)');
  });

  it('reads a version from the body or a header', () => {
    const body = check('- path: /\n  expect: { version: body }', SHA);
    expect(judge(body, answer({ body: `<meta name="version" content="${SHA}">` }), SHA).verdict).toBe('passed');
    expect(judge(body, answer({ body: 'build 1111111' }), SHA).verdict).toBe('old-version');
    const header = check('- path: /\n  expect: { version: "header:X-Version" }', '42');
    expect(judge(header, answer({ headers: { 'x-version': '41' } }), '42').failures[0]!.message).toBe(
      'old version "41" still answering at header x-version (expected 42)',
    );
  });

  it('is a wrong answer, not an old version, when something else fails too', () => {
    const c = check('- path: /v\n  expect: { version: $.sha, json: { $.ok: true } }', SHA);
    expect(judge(c, answer({ json: { sha: 'deadbee', ok: false } }), SHA).verdict).toBe('wrong-answer');
  });
});

describe('transport errors', () => {
  it('describes real network failures', async () => {
    const refused = await new Promise<unknown>((resolve) => {
      const socket = net.connect(1, '127.0.0.1');
      socket.on('error', resolve);
    });
    expect(describeTransportError(refused)).toEqual({ reason: 'connection refused', tls: false });
    const wrapped = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }) });
    expect(describeTransportError(wrapped).reason).toBe('DNS: host not found');
  });

  it('describes TLS failures as TLS', () => {
    expect(describeTransportError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toEqual({
      reason: 'TLS: self-signed certificate',
      tls: true,
    });
    const altname = tls.checkServerIdentity('127.0.0.1', { subject: { CN: 'other' }, subjectaltname: 'DNS:other.example' } as tls.PeerCertificate);
    expect(describeTransportError(altname)).toEqual({ reason: 'TLS: certificate does not name this host', tls: true });
    expect(describeTransportError(Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' })).reason).toBe(
      'TLS: wrong version number',
    );
  });

  it('describes timeouts, redirects and unknown errors', () => {
    expect(describeTransportError(new RequestTimeoutError(1500)).reason).toBe('no answer within 1.5s');
    expect(describeTransportError(new RedirectError('more than 10 redirects')).reason).toBe('more than 10 redirects');
    expect(describeTransportError(Object.assign(new Error('odd'), { code: 'E_ODD' })).reason).toBe('E_ODD: odd');
  });

  it('judges an error as not ready with no status', () => {
    const j = judge(check('- /a'), { kind: 'error', error: new RequestTimeoutError(300), latencyMs: 300 }, undefined);
    expect(j).toMatchObject({ verdict: 'not-ready', status: undefined, failures: [{ expectation: 'request', message: 'no answer within 300ms' }] });
  });
});

describe('snippets', () => {
  it('collapses whitespace and cuts at 200 characters', () => {
    expect(snippetOf('  <h1>\n  502 </h1>\n')).toBe('<h1> 502 </h1>');
    const long = snippetOf('é'.repeat(300));
    expect(Array.from(long)).toHaveLength(201);
    expect(long.endsWith('…')).toBe(true);
  });
});
