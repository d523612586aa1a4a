// The retry loop on virtual time: backoff, the shared deadline, Retry-After, per-request time
// limits, the concurrency limit, and the report built from the results.
import { describe, expect, it } from 'vitest';
import { parseChecks } from '../../shared/endpoints/checks.ts';
import type { HttpRequest, Outcome, Sender } from '../../shared/endpoints/http-client.ts';
import { Limiter } from '../../shared/core/limit.ts';
import { Redactor } from '../../shared/endpoints/redact.ts';
import { failureError, resultsOutput, textTable } from '../../shared/endpoints/report.ts';
import { toOutputs } from '../../actions/verify-endpoints/outputs.ts';
import { writeVerifySummary } from '../../actions/verify-endpoints/summary.ts';
import { FINAL_ATTEMPT_MS, runChecks, type VerifyOptions } from '../../shared/endpoints/verify.ts';
import { FakeClock } from '../../shared/testing/clock.ts';
import { RecordingLogger } from '../../shared/testing/logger.ts';
import { MemorySink } from '../../shared/testing/summary-sink.ts';
import { Summary } from '../../shared/core/summary.ts';

const options: VerifyOptions = { timeoutMs: 20_000, intervalMs: 1000, requestTimeoutMs: 5000, concurrency: 4, expectVersion: undefined };

function ok(status: number, body = '', headers: Record<string, string> = {}): Outcome {
  return { kind: 'answer', latencyMs: 12, answer: { status, headers, body, truncated: false, url: 'https://x.example.com/', redirects: [] } };
}

/** A sender that answers from a script per URL path (the last entry repeats), advancing the clock by `latencyMs`. */
function scripted(clock: FakeClock, script: Record<string, Outcome[]>, latencyMs = 0) {
  const calls: { request: HttpRequest; timeoutMs: number; at: number }[] = [];
  const send: Sender = (request, timeoutMs) => {
    calls.push({ request, timeoutMs, at: clock.now() });
    clock.advance(latencyMs);
    const list = script[new URL(request.url).pathname] ?? [ok(200)];
    const seen = calls.filter((c) => c.request.url === request.url).length;
    return Promise.resolve(list[Math.min(seen, list.length) - 1]!);
  };
  return { send, calls };
}

function setup(yaml: string, expectVersion?: string) {
  const checks = parseChecks(yaml, { baseUrl: new URL('https://x.example.com'), expectVersion });
  return { checks, clock: new FakeClock(), logger: new RecordingLogger(), redactor: Redactor.forChecks(checks) };
}

describe('retry until the deadline', () => {
  it('backs off 1.5x from interval and passes when the app is ready', async () => {
    const { checks, clock, logger, redactor } = setup('/a');
    const { send } = scripted(clock, { '/a': [ok(503), ok(503), ok(502), ok(404), ok(200)] });
    const result = await runChecks(checks, options, { send, clock, logger, redactor });
    expect(clock.sleeps).toEqual([1000, 1500, 2250, 3375]);
    expect(result).toMatchObject({ passed: true, attempts: 5, elapsedMs: 8125 });
    expect(result.results[0]).toMatchObject({ passed: true, verdict: 'passed', status: 200, attempts: 5, reason: null, body: null });
    // A reason is logged at info when it changes, at debug when it repeats.
    expect(logger.messages('info').filter((m) => m.includes('not ready'))).toEqual([
      '#1 GET /a: not ready: HTTP 503, expected 2xx; attempt 1, next in 1s',
      '#1 GET /a: not ready: HTTP 502, expected 2xx; attempt 3, next in 2.3s',
      '#1 GET /a: not ready: HTTP 404, expected 2xx; attempt 4, next in 3.4s',
    ]);
  });

  it('caps waits at 5x interval, never waits past the deadline, and tries once more at it', async () => {
    const { checks, clock, logger, redactor } = setup('/a');
    const { send, calls } = scripted(clock, { '/a': [ok(503, 'upstream connect error')] });
    const result = await runChecks(checks, options, { send, clock, logger, redactor });
    expect(clock.sleeps).toEqual([1000, 1500, 2250, 3375, 5000, 5000, 1875]);
    expect(calls.at(-1)!.at - calls[0]!.at).toBe(20_000);
    expect(result.passed).toBe(false);
    expect(result.results[0]).toMatchObject({
      verdict: 'not-ready',
      status: 503,
      attempts: 8,
      body: 'upstream connect error',
      reason: 'HTTP 503, expected 2xx',
    });
    // The last attempt still gets time to answer.
    expect(calls.at(-1)!.timeoutMs).toBe(FINAL_ATTEMPT_MS);
    expect(calls[0]!.timeoutMs).toBe(5000);
  });

  it('waits as long as Retry-After asks, within the cap', async () => {
    const { checks, clock, logger, redactor } = setup('/a');
    const { send } = scripted(clock, { '/a': [ok(503, '', { 'retry-after': '3' }), ok(429, '', { 'retry-after': '60' }), ok(200)] });
    await runChecks(checks, options, { send, clock, logger, redactor });
    expect(clock.sleeps).toEqual([3000, 5000]);
  });

  it('reports an old version at the deadline', async () => {
    const sha = 'c945b89bbfd82a5ca2e1629e3fa2c8327703b855';
    const { checks, clock, logger, redactor } = setup('- path: /v\n  expect: { version: $.sha }', sha);
    const { send } = scripted(clock, { '/v': [ok(200, '{"sha":"1111111"}')] });
    const result = await runChecks(checks, { ...options, timeoutMs: 2000, expectVersion: sha }, { send, clock, logger, redactor });
    expect(result.results[0]).toMatchObject({ verdict: 'old-version', version: '1111111', provesVersion: true });
  });
});

describe('concurrency', () => {
  it('keeps at most `concurrency` requests in flight, in order', async () => {
    const limiter = new Limiter(2);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.run(async () => {
          started.push(i);
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('releases the slot when a task throws', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('report', () => {
  async function failedRun() {
    const { checks, clock, logger, redactor } = setup('- path: /a\n  headers: { Authorization: Bearer tok-abcdef }\n- /b\n- url: https://tls.example.com/');
    const { send } = scripted(clock, {
      '/a': [ok(500, 'bad token tok-abcdef')],
      '/': [{ kind: 'error', error: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), latencyMs: 3 }],
    });
    // No time to retry: one attempt each.
    return runChecks(checks, { ...options, timeoutMs: 0 }, { send, clock, logger, redactor });
  }

  it('masks echoed credentials in results', async () => {
    const result = await failedRun();
    expect(result.results[0]!.body).toBe('bad token ***');
    expect(JSON.stringify(toOutputs(result))).not.toContain('tok-abcdef');
  });

  it('prints an aligned table and a results output', async () => {
    const result = await failedRun();
    const lines = textTable(result).split('\n');
    expect(lines).toEqual([
      '#  Check                         Result          Status  Latency  Attempts  Details',
      '1  GET /a                        ❌ wrong answer  500     12ms     1         HTTP 500, expected 2xx; body: bad token ***',
      '2  GET /b                        ✅ passed        200     12ms     1',
      '3  GET https://tls.example.com/  ❌ not ready     —       3ms      1         TLS: self-signed certificate',
    ]);
    const output = resultsOutput(result)[1] as Record<string, unknown>;
    expect(Object.keys(output)).toEqual([
      'index',
      'name',
      'method',
      'url',
      'passed',
      'result',
      'status',
      'latencyMs',
      'attempts',
      'elapsedMs',
      'reason',
      'failures',
      'body',
      'version',
      'finalUrl',
    ]);
    expect(toOutputs(result)['passed']).toBe(false);
  });

  it('fails with every failed check named and the fixes that apply', async () => {
    const error = failureError(await failedRun(), 1000);
    expect(error.message).toBe(
      '2 of 3 check(s) failed:\n#1 GET /a: wrong answer: HTTP 500, expected 2xx.\n#3 GET https://tls.example.com/: not ready: TLS: self-signed certificate.',
    );
    expect(error.fix).toContain('raise `timeout` (now 1s)');
    expect(error.fix).toContain('insecure-tls: true');
    expect(error.fix).toContain('wrong answer');
  });

  it('writes a summary table with escaped text', async () => {
    const sink = new MemorySink();
    await writeVerifySummary(await failedRun(), undefined, new Summary(sink));
    expect(sink.html).toContain('<h3>❌ verify-endpoints: 2 of 3 check(s) failed in 0ms</h3>');
    expect(sink.html.indexOf('#1 GET /a</strong>: HTTP 500')).toBeLessThan(sink.html.indexOf('<table>'));
    expect(sink.html).toContain('<td>GET /a</td><td>❌ wrong answer</td><td>500</td>');
    expect(sink.writes).toBe(1);
  });
});
