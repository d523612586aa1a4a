// verify-endpoints never prints a credential, through its bundle (issue 12, item 10): a
// malformed `checks` document whose offending line holds an Authorization value (or a header
// marked secret), and URLs whose password holds `@`, are refused with messages that show
// neither, in the log, the outputs or the summary. The add-mask commands (for the runner's
// masker) are the only place the values may appear, and they come before any other line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http-servers/servers.ts';
import { runAction, type RunResult } from '../helpers/run-action.ts';

const TOKEN = 'tok-e2e-leak-0123456789abcdef';
const PASSWORD = 'p@ss@word-e2e-77';

/** stdout as a person sees it: without the add-mask commands (which are the runner's). */
function visible(run: RunResult): string {
  return `${run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')}\n${run.stderr}`;
}

/** The parts of each secret that must not show anywhere a person reads. */
function expectNoLeak(run: RunResult, secrets: string[]): void {
  for (const text of [visible(run), run.outputFile, run.summary]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** Every add-mask command comes before the first line that is not one (masked before anything prints). */
function maskedFirst(run: RunResult, secret: string): void {
  const lines = run.stdout.split('\n');
  const mask = lines.indexOf(`::add-mask::${secret}`);
  expect(mask, `::add-mask::${secret}`).toBeGreaterThanOrEqual(0);
  expect(lines.slice(0, mask).every((line) => line.startsWith('::add-mask::'))).toBe(true);
}

describe('verify-endpoints keeps credentials out of every message', () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer(() => ({ body: 'ok' }));
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['a block header on the line after an unclosed flow list', `- path: [/b\n  headers: { Authorization: Bearer ${TOKEN} }\n`],
    ['an unterminated quoted Authorization value', `- path: /a\n  headers:\n    Authorization: "Bearer ${TOKEN}\n  expect: { status: 200 }\n- path: "/b\n`],
    ['a JSON document cut short', `[{"path": "/a", "headers": {"Authorization": "Bearer ${TOKEN}", "Accept": "text/plain"}`],
    ['a tab-indented header block', `- path: /a\n  headers:\n\tAuthorization: Bearer ${TOKEN}\n`],
  ])('a malformed checks document (%s) is refused without the Authorization value', async (_what, checks) => {
    const run = await runAction('verify-endpoints', { inputs: { 'base-url': app.url, checks } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::Input `checks`/);
    maskedFirst(run, `Bearer ${TOKEN}`);
    maskedFirst(run, TOKEN);
    expectNoLeak(run, [TOKEN, TOKEN.slice(0, 16)]);
  });

  it('with debug logging on, a malformed document still shows no credential', async () => {
    const run = await runAction('verify-endpoints', {
      env: { RUNNER_DEBUG: '1' },
      inputs: { 'base-url': app.url, checks: `- path: [/b\n  headers: { Authorization: "Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}" }\n` },
    });
    expect(run.exitCode).toBe(1);
    maskedFirst(run, TOKEN);
    expectNoLeak(run, [TOKEN, Buffer.from(`admin:${TOKEN}`).toString('base64')]);
  });

  it('a header marked in secret-headers is masked before a malformed document is reported', async () => {
    const value = 'tenant-secret-e2e-4242';
    const run = await runAction('verify-endpoints', {
      inputs: { 'base-url': app.url, 'secret-headers': 'X-Tenant', checks: `- path: [/b\n  headers: { X-Tenant: ${value} }\n` },
    });
    expect(run.exitCode).toBe(1);
    maskedFirst(run, value);
    expectNoLeak(run, [value]);
  });

  it.each([
    [
      'a check URL with another mistake',
      { checks: `- url: https://admin:${PASSWORD}@127.0.0.1/x\n  expect: { staus: 200 }` },
      /check #1 \("https:\/\/\*\*\*@127\.0\.0\.1\/x", line 2\)/,
    ],
    ['a check URL that does not parse', { checks: `- url: "https://admin:${PASSWORD}@exa mple.com/"` }, /is not a valid URL/],
    ['a check URL with credentials', { checks: `- url: https://admin:${PASSWORD}@127.0.0.1/x` }, /the URL carries a user name or password/],
    [
      'a base-url that does not parse',
      { 'base-url': `https://admin:${PASSWORD}@exa mple.com/`, checks: '/a' },
      /Input `base-url` must be an absolute URL, got "https:\/\/\*\*\*@exa mple\.com\/"/,
    ],
    [
      'a base-url with a key in its query',
      { 'base-url': 'https://fn.example.com/?code=fn-key-e2e-5555', checks: '/a' },
      /must not have a query or fragment, got "https:\/\/fn\.example\.com\/\?code=\*\*\*"/,
    ],
  ])('%s: user info is redacted whole, up to the last @', async (_what, inputs, message) => {
    const run = await runAction('verify-endpoints', { inputs: { 'base-url': app.url, ...inputs } });
    expect(run.exitCode).toBe(1);
    expect(visible(run)).toMatch(message);
    expectNoLeak(run, [PASSWORD, 'ss@word', 'word-e2e', 'fn-key-e2e-5555']);
  });
});
