// verify-endpoints through its bundle, as the runner runs it (INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY), against local HTTP and HTTPS servers made here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCert } from '../helpers/http-servers/certs.ts';
import { startTestServer, type TestServer } from '../helpers/http-servers/servers.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

const SHA = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
const TOKEN = 'tok-e2e-0123456789abcdef';

interface Result {
  index: number;
  passed: boolean;
  result: string;
  status: number | null;
  attempts: number;
  reason: string | null;
  body: string | null;
  version: string | null;
}

function results(run: RunResult): Result[] {
  return JSON.parse(run.outputs['results'] ?? '[]') as Result[];
}

/** Lines of stdout a person sees (the add-mask commands are for the runner). */
function visible(run: RunResult): string {
  return run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

describe('verify-endpoints bundle', () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer((req) => {
      if (req.url === '/be-health') return { body: { status: 'ok', sha: SHA } };
      if (req.url === '/todos') return { body: [{ id: 1, title: 'learn k8s' }] };
      if (req.url === '/echo') return { status: 401, body: `denied for ${String(req.headers['authorization'])}` };
      return { status: 404, body: 'default backend - 404' };
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('passes when every check passes and the new version answers', async () => {
    const checks = [
      '- path: /be-health',
      '  expect:',
      '    json: { $.status: ok }',
      '    version: $.sha',
      '- path: /todos',
      '  expect:',
      '    body-contains: learn k8s',
      '    max-latency: 5s',
    ].join('\n');
    const run = await runAction('verify-endpoints', { inputs: { 'base-url': app.url, checks, 'expect-version': SHA.slice(0, 7), interval: '200ms' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['passed']).toBe('true');
    expect(results(run).map((r) => [r.index, r.passed, r.result, r.status, r.attempts])).toEqual([
      [1, true, 'passed', 200, 1],
      [2, true, 'passed', 200, 1],
    ]);
    expect(results(run)[0]!.version).toBe(SHA);
    expect(run.stdout).toContain('2 of 2 check(s) passed');
    expect(run.summary).toContain(`Version ${SHA.slice(0, 7)} is answering (proven by #1).`);
    expect(run.summary).toContain('<table><tr><th>#</th><th>Check</th>');
  });

  it('waits through refused connections and 503 until the app is up', async () => {
    // Refuses for 2.5 s (longer than the bundle takes to start), then 503 for the first two requests.
    let answered = 0;
    const coming = await startTestServer(() => (++answered <= 2 ? { status: 503, body: 'no endpoints' } : { body: 'ok' }), { listenAfterMs: 2500 });
    try {
      const run = await runAction('verify-endpoints', { inputs: { 'base-url': coming.url, checks: '/be-health\n/todos', interval: '150ms', timeout: '30s' } });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('not ready: connection refused');
      expect(run.stdout).toContain('not ready: HTTP 503, expected 2xx');
      expect(results(run).every((r) => r.passed && r.attempts > 1)).toBe(true);
    } finally {
      await coming.close();
    }
  });

  it('fails with a table naming the check, what came back, and writes passed=false', async () => {
    const run = await runAction('verify-endpoints', { inputs: { 'base-url': app.url, checks: '/be-health\n/missing', timeout: '600ms', interval: '200ms' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::1 of 2 check\(s\) failed:%0A#2 GET \/missing: not ready: HTTP 404, expected 2xx\. If the environment needs longer to come up, raise `timeout` \(now 600ms\)\./,
    );
    expect(run.stdout).toMatch(/\n2 +GET \/missing +❌ not ready +404 .*HTTP 404, expected 2xx; body: default backend - 404\n/);
    expect(run.outputs['passed']).toBe('false');
    expect(results(run)[1]).toMatchObject({ passed: false, result: 'not-ready', status: 404, body: 'default backend - 404' });
    expect(run.summary).toMatch(
      /^<h3>❌ verify-endpoints: 1 of 2 check\(s\) failed in [0-9.]+m?s<\/h3>\n\n<ul><li>❌ <strong>#2 GET \/missing<\/strong>: HTTP 404, expected 2xx\. Fix: /,
    );
  });

  it('masks credential headers in the log, outputs and summary, even when echoed back', async () => {
    const checks = `- path: /echo\n  headers:\n    Authorization: Bearer ${TOKEN}\n  expect:\n    status: 200`;
    const run = await runAction('verify-endpoints', { inputs: { 'base-url': app.url, checks, timeout: '0' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(visible(run)).toContain('[Authorization: ***]');
    for (const text of [visible(run), run.outputFile, run.summary]) expect(text).not.toContain(TOKEN);
    expect(results(run)[0]!.body).toBe('denied for ***');
  });

  it('accepts a self-signed certificate only with insecure-tls', async () => {
    const secure = await startTestServer(() => ({ body: 'ok' }), { tls: await serverCert(['127.0.0.1']) });
    try {
      const refused = await runAction('verify-endpoints', { inputs: { 'base-url': secure.url, checks: '/', timeout: '0' } });
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout).toContain('not ready: TLS: self-signed certificate');
      expect(refused.stdout).toContain('set `insecure-tls: true` or pass `ca-certificate`');
      const accepted = await runAction('verify-endpoints', { inputs: { 'base-url': secure.url, checks: '/', 'insecure-tls': 'true' } });
      expect(accepted.exitCode).toBe(0);
    } finally {
      await secure.close();
    }
  });

  it.each([
    ['malformed YAML', { checks: '- path: /a\n- path: [/b\n  expect: {}' }, /not valid YAML or JSON at line 3, column 3/],
    ['a check with no path or url', { checks: '- /a\n- name: orphan' }, /check #2 \(line 2\): has no `path` or `url`/],
    [
      'an unknown expectation key',
      { checks: '- path: /todos\n  expect:\n    body-contain: x' },
      /check #1 \("\/todos", line 3\): unknown expectation key "body-contain"\. Did you mean "body-contains"\?/,
    ],
    [
      'a relative URL without base-url',
      { checks: '/be-health', 'base-url': '' },
      /check #1 \("\/be-health", line 1\): the relative URL "\/be-health" needs input `base-url`/,
    ],
    ['a version location without expect-version', { checks: '- path: /a\n  expect: { version: $.sha }' }, /input `expect-version` is empty/],
    ['a typo in a boolean', { checks: '/a', 'insecure-tls': 'ture' }, /Input `insecure-tls` must be true or false, got "ture"/],
    ['a bad timeout', { checks: '/a', timeout: '5 minutes' }, /Input `timeout` must be a duration/],
  ])('refuses %s before any request and writes no output', async (_what, inputs, message) => {
    const before = app.requests.length;
    const run = await runAction('verify-endpoints', { inputs: { 'base-url': app.url, ...inputs } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::/);
    expect(run.stdout).toMatch(message);
    expect(Object.keys(run.outputs).filter((name) => name !== 'verdict')).toEqual([]); // no output but the summary's verdict
    // The summary still leads with the verdict and the reason, visible without unfolding.
    expect(run.summary).toMatch(/^<h3>❌ verify-endpoints/);
    const shown = (run.summary.split('</h3>')[1] ?? '').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('\\"', '"').replace('. Fix: ', '. ');
    expect(shown).toMatch(message);
    expect(app.requests.length).toBe(before);
  });
});
