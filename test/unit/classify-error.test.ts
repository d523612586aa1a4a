// Classification against the real error objects of the clients the suite uses
// (Octokit, Azure core, client-node, pg, undici), not hand-made look-alikes.

import { createServer, type Server } from 'node:net';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { ApiException } from '@kubernetes/client-node';
import { RequestError } from '@octokit/request-error';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyError, parseRetryAfter } from '../../shared/core/retry-policy.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function octokitError(status: number, headers: Record<string, string> = {}): RequestError {
  return new RequestError(`status ${status}`, status, {
    request: { method: 'GET', url: 'https://api.github.com/repos/o/r', headers: {} },
    response: { status, url: 'https://api.github.com/repos/o/r', headers, data: {} },
  });
}

function azureError(status: number, code: string | undefined, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
  return new RestError(`${code ?? 'error'}: details`, {
    ...(code === undefined ? {} : { code }),
    statusCode: status,
    request,
    response: { status, headers: createHttpHeaders(headers), request },
  });
}

function pgError(code: string, message: string): Error {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

describe('HTTP statuses', () => {
  it.each([408, 425, 429, 500, 502, 503, 504])('%d is retryable (Octokit shape)', (status) => {
    expect(classifyError(octokitError(status), NOW)).toMatchObject({ retryable: true });
  });

  it.each([400, 401, 403, 404, 409, 422, 501])('%d is permanent (Octokit shape)', (status) => {
    const verdict = classifyError(octokitError(status), NOW);
    expect(verdict.retryable).toBe(false);
    expect(verdict.reason).toContain(String(status));
  });

  it('reads statusCode (Azure), a numeric code (client-node) and response.status', () => {
    expect(classifyError(azureError(503, undefined), NOW).retryable).toBe(true);
    expect(classifyError(azureError(404, 'ResourceNotFound'), NOW).retryable).toBe(false);
    expect(classifyError(new ApiException(503, 'unavailable', {}, {}), NOW).retryable).toBe(true);
    expect(classifyError(new ApiException(404, 'not found', {}, {}), NOW).retryable).toBe(false);
    expect(classifyError({ message: 'x', response: { status: 502 } }, NOW).retryable).toBe(true);
    expect(classifyError({ message: 'x', response: { status: 501 } }, NOW).retryable).toBe(false);
  });

  it('prefixes the reason with the status when the message lacks it', () => {
    expect(classifyError({ message: 'Service Unavailable', status: 503 }, NOW).reason).toBe('HTTP 503: Service Unavailable');
  });
});

describe('Retry-After', () => {
  it('reads seconds from Octokit response headers (any case)', () => {
    expect(classifyError(octokitError(429, { 'Retry-After': '7' }), NOW)).toMatchObject({
      retryable: true,
      retryAfterMs: 7000,
    });
  });

  it('reads an HTTP date relative to now', () => {
    const date = new Date(NOW + 120_000).toUTCString();
    expect(classifyError(octokitError(503, { 'retry-after': date }), NOW).retryAfterMs).toBe(120_000);
  });

  it("reads Azure's HttpHeaders through get(), including retry-after-ms forms", () => {
    expect(classifyError(azureError(429, 'TooManyRequests', { 'Retry-After': '3' }), NOW).retryAfterMs).toBe(3000);
    expect(classifyError(azureError(503, undefined, { 'x-ms-retry-after-ms': '250' }), NOW).retryAfterMs).toBe(250);
    expect(classifyError(azureError(503, undefined, { 'retry-after-ms': '40' }), NOW).retryAfterMs).toBe(40);
  });

  it('reads a WHATWG Headers object and client-node ApiException headers', () => {
    expect(classifyError({ status: 429, response: { headers: new Headers({ 'Retry-After': '2' }) } }, NOW).retryAfterMs).toBe(2000);
    expect(classifyError(new ApiException(429, 'slow down', {}, { 'retry-after': '5' }), NOW).retryAfterMs).toBe(5000);
  });

  it('reads a retryAfterMs field', () => {
    expect(classifyError({ status: 503, retryAfterMs: 1500 }, NOW).retryAfterMs).toBe(1500);
  });

  it("retries GitHub's 403 rate limits, but not other 403s", () => {
    const secondary = octokitError(403, { 'retry-after': '60' });
    expect(classifyError(secondary, NOW)).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    const primary = octokitError(403, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String((NOW + 30_000) / 1000),
    });
    expect(classifyError(primary, NOW)).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
    expect(classifyError(octokitError(403, { 'x-ratelimit-remaining': '12' }), NOW).retryable).toBe(false);
  });

  it('parses seconds and dates, ignores junk', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 10 ', NOW)).toBe(10_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon-ish', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
  });
});

describe('network errors', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function listen(onConnection: (socket: import('node:net').Socket) => void): Promise<number> {
    const server = createServer(onConnection);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  it('retries a refused connection (fetch: TypeError with an ECONNREFUSED cause)', async () => {
    const port = await listen(() => undefined);
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const error: unknown = await fetch(`http://127.0.0.1:${port}/`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    const verdict = classifyError(error, NOW);
    expect(verdict.retryable).toBe(true);
    expect(verdict.reason).toContain('ECONNREFUSED');
  });

  it('retries a socket closed mid-request (undici UND_ERR_SOCKET)', async () => {
    const port = await listen((socket) => socket.destroy());
    const error: unknown = await fetch(`http://127.0.0.1:${port}/`).catch((caught: unknown) => caught);
    const verdict = classifyError(error, NOW);
    expect(verdict.retryable).toBe(true);
    expect(verdict.reason).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT'])('%s is retryable', (code) => {
    expect(classifyError(Object.assign(new Error(`socket ${code}`), { code }), NOW).retryable).toBe(true);
  });

  it('does not retry ENOTFOUND (usually a typo in the host name)', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND exmaple.invalid'), { code: 'ENOTFOUND' });
    expect(classifyError(error, NOW)).toEqual({ retryable: false, reason: 'getaddrinfo ENOTFOUND exmaple.invalid' });
  });

  it('looks inside AggregateError members and deep cause chains', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(classifyError(new AggregateError([new Error('x'), refused]), NOW).retryable).toBe(true);
    const deep = new Error('a', { cause: new Error('b', { cause: new Error('c', { cause: refused }) }) });
    expect(classifyError(deep, NOW).retryable).toBe(true);
  });

  it('survives cause cycles', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(classifyError(a, NOW)).toEqual({ retryable: false, reason: 'a' });
  });
});

describe('Azure Resource Manager codes', () => {
  it.each([
    'ServerBusy',
    'ServerIsBusy',
    'ServerIsNotReady',
    'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
    'OperationTimedOut',
    'TooManyRequests',
    'InternalServerError',
  ])('%s in RestError.code is retryable whatever the status', (code) => {
    expect(classifyError(azureError(409, code), NOW).retryable).toBe(true);
  });

  it('finds the code in the message of a failed long-running operation', () => {
    const error = new Error('The async operation failed. ServerIsBusy: the server is busy with another operation');
    expect(classifyError(error, NOW).retryable).toBe(true);
  });

  it('treats other codes as permanent with the server reason', () => {
    const verdict = classifyError(azureError(400, 'InvalidParameterValue'), NOW);
    expect(verdict.retryable).toBe(false);
    expect(verdict.reason).toContain('InvalidParameterValue');
  });

  it('retries REQUEST_SEND_ERROR (no answer received)', () => {
    const error = new RestError('socket hang up', { code: RestError.REQUEST_SEND_ERROR });
    expect(classifyError(error, NOW).retryable).toBe(true);
  });
});

describe('PostgreSQL', () => {
  it.each([
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['40001', 'could not serialize access'],
    ['40P01', 'deadlock detected'],
    ['08006', 'connection failure'],
    ['08001', 'unable to connect'],
  ])('SQLSTATE %s is retryable', (code, message) => {
    const verdict = classifyError(pgError(code, message), NOW);
    expect(verdict.retryable).toBe(true);
    expect(verdict.reason).toContain(code);
  });

  it.each([
    ['42501', 'permission denied for database x'],
    ['3D000', 'database "x" does not exist'],
    ['28P01', 'password authentication failed'],
    ['42P04', 'database "x" already exists'],
  ])('SQLSTATE %s is permanent with the server message', (code, message) => {
    expect(classifyError(pgError(code, message), NOW)).toEqual({
      retryable: false,
      reason: `PostgreSQL ${code}: ${message}`,
    });
  });

  it("retries pg's own dropped-connection errors", () => {
    expect(classifyError(new Error('Connection terminated unexpectedly'), NOW).retryable).toBe(true);
    const timeout = new Error('Connection terminated due to connection timeout', { cause: new Error('x') });
    expect(classifyError(timeout, NOW).retryable).toBe(true);
  });
});

describe('everything else', () => {
  it.each([new Error('boom'), new TypeError('x is not a function'), 'a string', 42, null, undefined, { code: 'EWHATEVER' }])('%j is permanent', (error) => {
    expect(classifyError(error, NOW).retryable).toBe(false);
  });
});
