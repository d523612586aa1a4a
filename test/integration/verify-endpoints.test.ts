// verify-endpoints against real local HTTP and HTTPS servers, through the real undici client:
// readiness (refused, 503, then 200), version proof, hanging servers, certificates, redirects
// to another host, concurrency and masking.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InputReader } from '../../shared/core/inputs.ts';
import { inputsFromRecord } from '../../shared/testing/inputs.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { readInputs } from '../../shared/endpoints/inputs.ts';
import { runVerification } from '../../shared/endpoints/run-verification.ts';
import { makeCa, serverCert } from '../helpers/http-servers/certs.ts';
import { startTestServer, type TestServer } from '../helpers/http-servers/servers.ts';

const OLD = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NEW = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

async function verify(inputs: Record<string, string>) {
  const logger = new RecordingLogger({ debug: true });
  const masked: string[] = [];
  const parsed = readInputs(new InputReader(inputsFromRecord({ interval: '100ms', 'request-timeout': '2s', ...inputs })));
  const result = await runVerification(parsed, { logger, setSecret: (value) => masked.push(value) });
  return { result, log: logger.text(), masked, first: result.results[0]! };
}

describe('verify-endpoints readiness', () => {
  it('waits through refused connections and 503s until the app answers 200', async () => {
    let answered = 0;
    const server = await serve(
      () => (++answered <= 2 ? { status: 503, body: '<html>503 Service Temporarily Unavailable</html>' } : { body: { status: 'ok' } }),
      {
        listenAfterMs: 1500,
      },
    );
    const { result, log, first } = await verify({ 'base-url': server.url, checks: '/be-health', timeout: '30s' });
    expect(result.passed).toBe(true);
    expect(first.status).toBe(200);
    expect(first.attempts).toBeGreaterThanOrEqual(4);
    expect(log).toContain('not ready: connection refused');
    expect(log).toContain('not ready: HTTP 503, expected 2xx');
    expect(server.requests.map((r) => r.url)).toEqual(['/be-health', '/be-health', '/be-health']);
  });

  it('reports what came back when a check never gets ready', async () => {
    const server = await serve(() => ({ status: 502, body: '<h1>502 Bad Gateway</h1>   nginx' }));
    const { result, first } = await verify({ 'base-url': server.url, checks: '/todos', timeout: '600ms' });
    expect(result.passed).toBe(false);
    expect(first).toMatchObject({ passed: false, verdict: 'not-ready', status: 502, reason: 'HTTP 502, expected 2xx', body: '<h1>502 Bad Gateway</h1> nginx' });
    expect(first.attempts).toBeGreaterThan(1);
    expect(server.requests.length).toBe(first.attempts);
  });

  it('keeps retrying a wrong answer and says which expectation failed', async () => {
    const server = await serve(() => ({ body: { status: 'degraded', db: false } }));
    const checks = `- path: /be-health\n  expect:\n    json:\n      $.status: ok\n    body-contains: '"db":true'`;
    const { first } = await verify({ 'base-url': server.url, checks, timeout: '500ms' });
    expect(first.verdict).toBe('wrong-answer');
    expect(first.attempts).toBeGreaterThan(1);
    expect(first.failures.map((f) => f.expectation)).toEqual(['body-contains', 'json']);
    expect(first.reason).toContain('$.status is "degraded", expected "ok"');
  });

  it('counts a name that does not resolve and a dropped connection as not ready', async () => {
    const dropper = net.createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = dropper.address() as net.AddressInfo;
      const checks = `- url: http://verify-endpoints-test.invalid/\n- url: http://127.0.0.1:${port}/`;
      const { result } = await verify({ checks, timeout: '0' });
      expect(result.results.map((r) => r.verdict)).toEqual(['not-ready', 'not-ready']);
      expect(result.results[0]!.reason).toMatch(/^DNS: (host not found|lookup failed \(temporary\))$/);
      expect(result.results[1]!.reason).toMatch(/^connection (closed by the server|reset)$/);
    } finally {
      await new Promise((resolve) => dropper.close(resolve));
    }
  });

  it('ends a hanging request at request-timeout and gives up at the deadline', async () => {
    const server = await serve(() => undefined);
    const { result, first } = await verify({ 'base-url': server.url, checks: '/slow', timeout: '1s', 'request-timeout': '300ms' });
    expect(result.passed).toBe(false);
    expect(first).toMatchObject({ verdict: 'not-ready', status: null, reason: 'no answer within 300ms' });
    expect(first.attempts).toBeGreaterThanOrEqual(2);
  });
});

describe('verify-endpoints version proof', () => {
  it('waits while the old version answers, then passes on the new one', async () => {
    const server = await serve(() => ({ body: { status: 'ok', version: server.requests.length <= 2 ? OLD : NEW } }));
    const checks = `- path: /be-health\n  expect:\n    version: $.version`;
    const { result, log, first } = await verify({ 'base-url': server.url, checks, 'expect-version': NEW.slice(0, 7), timeout: '20s' });
    expect(result.passed).toBe(true);
    expect(first.version).toBe(NEW);
    expect(first.attempts).toBe(3);
    expect(log).toContain(`old version: old version "${OLD}" still answering at $.version (expected ${NEW.slice(0, 7)})`);
  });

  it('fails when the old version is still answering at the deadline', async () => {
    const server = await serve(() => ({ body: `<footer>build ${OLD}</footer>` }));
    const checks = `- path: /\n  expect:\n    version: body`;
    const { result, first } = await verify({ 'base-url': server.url, checks, 'expect-version': NEW, timeout: '400ms' });
    expect(result.passed).toBe(false);
    expect(first.verdict).toBe('old-version');
    expect(first.reason).toContain(`version ${NEW} does not appear in the body`);
  });

  it('reads the version from a response header', async () => {
    const server = await serve(() => ({ headers: { 'x-version': NEW }, body: 'ok' }));
    const checks = `- path: /\n  expect:\n    version: header:X-Version`;
    const { first } = await verify({ 'base-url': server.url, checks, 'expect-version': NEW });
    expect(first).toMatchObject({ passed: true, version: NEW });
  });
});

describe('verify-endpoints TLS', () => {
  it('treats a self-signed certificate as not ready, and accepts it with insecure-tls', async () => {
    const server = await serve(() => ({ body: 'secure ok' }), { tls: await serverCert(['127.0.0.1', 'localhost']) });
    const refused = await verify({ 'base-url': server.url, checks: '/', timeout: '300ms' });
    expect(refused.first).toMatchObject({ passed: false, verdict: 'not-ready', reason: 'TLS: self-signed certificate', tls: true });
    expect(refused.first.attempts).toBeGreaterThan(1);
    const accepted = await verify({ 'base-url': server.url, checks: '/', 'insecure-tls': 'true' });
    expect(accepted.first).toMatchObject({ passed: true, status: 200 });
  });

  it('waits while the ingress presents a certificate for another name, then passes', async () => {
    const ca = await makeCa();
    const server = await serve(() => ({ body: 'ok' }), { tls: await serverCert(['ingress.local'], ca) });
    const right = await serverCert(['127.0.0.1'], ca);
    server.afterFirstConnection(() => server.setCertificate(right));
    const { result, log } = await verify({ 'base-url': server.url, checks: '/', 'ca-certificate': ca.cert, timeout: '20s' });
    expect(result.passed).toBe(true);
    expect(log).toContain('not ready: TLS: certificate does not name this host');
  });
});

describe('verify-endpoints redirects', () => {
  it('follows a redirect to another host without sending credentials there', async () => {
    const other = await serve((req) => ({ body: `landing ${req.url}` }));
    const otherUrl = other.url.replace('127.0.0.1', 'localhost');
    const origin = await serve(() => ({ status: 302, headers: { location: `${otherUrl}/landing` } }));
    const checks = [
      '- path: /login',
      '  headers:',
      '    Authorization: Bearer tok-0123456789',
      '    X-Internal: marked-secret-value',
      '    X-Trace: trace-1',
      '  expect:',
      '    body-contains: landing /landing',
    ].join('\n');
    const { first } = await verify({ 'base-url': origin.url, checks, 'secret-headers': 'X-Internal' });
    expect(first).toMatchObject({ passed: true, finalUrl: `${otherUrl}/landing` });
    expect(origin.requests[0]!.headers['authorization']).toBe('Bearer tok-0123456789');
    const landed = other.requests[0]!.headers;
    expect(landed['authorization']).toBeUndefined();
    expect(landed['x-internal']).toBeUndefined();
    expect(landed['x-trace']).toBe('trace-1');
  });

  it('with follow-redirects false, checks the 3xx itself and names where it points', async () => {
    const origin = await serve(() => ({ status: 301, headers: { location: 'https://login.example.com/' } }));
    const failed = await verify({ 'base-url': origin.url, checks: '/', 'follow-redirects': 'false', timeout: '300ms' });
    expect(failed.first).toMatchObject({ verdict: 'wrong-answer', reason: 'HTTP 301 redirecting to https://login.example.com/, expected 2xx' });
    const accepted = await verify({
      'base-url': origin.url,
      checks: '- path: /\n  expect: { status: 3xx, headers: { location: login.example.com } }',
      'follow-redirects': 'false',
    });
    expect(accepted.first.passed).toBe(true);
  });

  it('turns a POST into a GET on 303 and drops the body', async () => {
    const server = await serve((req) =>
      req.url === '/submit' ? { status: 303, headers: { location: '/done' } } : { body: { method: req.method, body: req.body } },
    );
    const checks = '- path: /submit\n  method: POST\n  body: { title: hi }\n  expect:\n    json: { $.method: GET, $.body: "" }';
    const { first } = await verify({ 'base-url': server.url, checks });
    expect(first.passed).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{"title":"hi"}' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });
});

describe('verify-endpoints concurrency and masking', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    const server = await serve(() => ({ body: 'ok', delayMs: 300 }));
    const checks = Array.from({ length: 8 }, (_, i) => `/item/${i}`).join('\n');
    const { result } = await verify({ 'base-url': server.url, checks, concurrency: '3' });
    expect(result.passed).toBe(true);
    expect(result.results).toHaveLength(8);
    expect(server.requests).toHaveLength(8);
    expect(server.maxInFlight()).toBe(3);
  });

  it('masks credentials in the log, the results and echoed bodies', async () => {
    const secret = 'Bearer s3cr3t-t0ken-value';
    const server = await serve((req) => ({ status: 500, body: `echo: ${String(req.headers['authorization'])} key=${req.url}` }));
    const checks = `- path: /echo?code=fn-key-98765\n  headers: { Authorization: "${secret}", X-Api-Key: apikey-112233 }`;
    const { result, log, masked } = await verify({ 'base-url': server.url, checks, timeout: '200ms' });
    expect(masked).toEqual(expect.arrayContaining([secret, 's3cr3t-t0ken-value', 'apikey-112233', 'fn-key-98765']));
    const printed = log + JSON.stringify(result);
    for (const value of ['s3cr3t-t0ken-value', 'apikey-112233', 'fn-key-98765']) expect(printed).not.toContain(value);
    expect(log).toContain('Authorization: ***, X-Api-Key: ***');
    expect(result.results[0]!.body).toBe('echo: *** key=/echo?code=***');
  });
});
