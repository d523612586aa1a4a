import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../shared/core/errors.ts';
import { DeadlineError, type RetryInfo, retry } from '../../shared/core/retry.ts';
import { FakeClock } from '../../shared/testing/clock.ts';
import { systemClock } from '../../shared/core/clock.ts';

/** An HTTP-like failure in the shape Octokit and friends throw. */
function httpError(status: number, retryAfterSeconds?: number): Error {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  return Object.assign(new Error('try later'), { status, response: { status, headers } });
}

/** A function that fails with `failures` in turn, then returns `value`. */
function flaky<T>(failures: Error[], value: T) {
  const attempts: number[] = [];
  const fn = (attempt: number): Promise<T> => {
    attempts.push(attempt);
    const failure = failures[attempts.length - 1];
    return failure === undefined ? Promise.resolve(value) : Promise.reject(failure);
  };
  return { fn, attempts };
}

describe('retry', () => {
  it('returns at once when the first attempt succeeds', async () => {
    const clock = new FakeClock();
    await expect(retry(() => Promise.resolve('ok'), { deadlineMs: 1000, clock })).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([]);
  });

  it('retries transient failures with exponential backoff and reports each retry', async () => {
    const clock = new FakeClock();
    const { fn, attempts } = flaky([httpError(503), httpError(502), httpError(429)], 'done');
    const retries: RetryInfo[] = [];
    const result = await retry(fn, {
      deadlineMs: 60_000,
      clock,
      jitter: false,
      onRetry: (info) => retries.push(info),
    });
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(retries.map((info) => [info.attempt, info.delayMs, info.reason])).toEqual([
      [1, 1000, 'HTTP 503: try later'],
      [2, 2000, 'HTTP 502: try later'],
      [3, 4000, 'HTTP 429: try later'],
    ]);
    expect(retries[0]!.error).toBeInstanceOf(Error);
  });

  it('caps the backoff at maxDelayMs and follows the factor', async () => {
    const clock = new FakeClock();
    const { fn } = flaky(
      Array.from({ length: 6 }, () => httpError(500)),
      1,
    );
    await retry(fn, { deadlineMs: 3_600_000, clock, jitter: false, initialDelayMs: 100, factor: 3, maxDelayMs: 2000 });
    expect(clock.sleeps).toEqual([100, 300, 900, 2000, 2000, 2000]);
  });

  it('applies full jitter between 0 and the ceiling', async () => {
    const clock = new FakeClock();
    const draws = [0.5, 0, 0.999];
    const { fn } = flaky([httpError(503), httpError(503), httpError(503)], 1);
    await retry(fn, { deadlineMs: 60_000, clock, random: () => draws.shift() ?? 0 });
    expect(clock.sleeps).toEqual([500, 0, 3996]);
  });

  it('rethrows a permanent failure unchanged, without waiting', async () => {
    const clock = new FakeClock();
    const notFound = httpError(404);
    const { fn, attempts } = flaky([notFound], 1);
    await expect(retry(fn, { deadlineMs: 60_000, clock })).rejects.toBe(notFound);
    expect(attempts).toEqual([1]);
    expect(clock.sleeps).toEqual([]);
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const clock = new FakeClock();
    const { fn } = flaky([httpError(429, 7), httpError(503, 0)], 'ok');
    await retry(fn, { deadlineMs: 60_000, clock, jitter: false });
    expect(clock.sleeps).toEqual([7000, 2000]);
  });

  it('gives up at once when Retry-After reaches past the deadline', async () => {
    const clock = new FakeClock();
    const { fn, attempts } = flaky([httpError(429, 120)], 'ok');
    const error = (await retry(fn, { deadlineMs: 60_000, clock, what: 'Creating database x' }).catch((caught: unknown) => caught)) as DeadlineError;
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error.message).toBe(
      'Creating database x still failing after 1 attempt in 0ms: HTTP 429: try later (the server asked to wait 2m, past the deadline)',
    );
    expect(attempts).toEqual([1]);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops at the deadline with the last error as cause, after a final attempt at the deadline', async () => {
    const clock = new FakeClock();
    const failures = Array.from({ length: 20 }, (_, index) => httpError(index % 2 === 0 ? 503 : 504));
    const { fn, attempts } = flaky(failures, 'never');
    const error = (await retry(fn, { deadlineMs: 10_000, clock, jitter: false, what: 'Listing namespaces' }).catch(
      (caught: unknown) => caught,
    )) as DeadlineError;
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 3000]);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(isUserError(error)).toBe(true);
    expect(error.message).toBe('Listing namespaces still failing after 5 attempts in 10s: HTTP 503: try later');
    expect(error.cause).toBe(failures[4]);
    expect(error.attempts).toBe(5);
    expect(error.elapsedMs).toBe(10_000);
    expect(error.describe()).toContain('Re-run the job later');
  });

  it('counts the time spent inside attempts against the deadline', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const error = await retry(
      () => {
        clock.advance(4000);
        return Promise.reject(httpError(503));
      },
      { deadlineMs: 10_000, clock, jitter: false },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeadlineError);
    // 0-4s attempt, sleep 1s, 5-9s attempt, sleep 1s (clamped), 10-14s attempt.
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(clock.now() - start).toBe(14_000);
  });

  it('stops after maxAttempts', async () => {
    const clock = new FakeClock();
    const { fn, attempts } = flaky([httpError(503), httpError(503), httpError(503)], 'x');
    const error = await retry(fn, { deadlineMs: 60_000, clock, maxAttempts: 2, jitter: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).message).toMatch(/^the operation still failing after 2 attempts in 1s: /);
    expect(attempts).toEqual([1, 2]);
  });

  it('with a zero deadline tries exactly once', async () => {
    const clock = new FakeClock();
    const { fn, attempts } = flaky([httpError(503)], 'x');
    await expect(retry(fn, { deadlineMs: 0, clock })).rejects.toBeInstanceOf(DeadlineError);
    expect(attempts).toEqual([1]);
  });

  it('uses a custom classifier (e.g. to retry ENOTFOUND right after creating DNS)', async () => {
    const clock = new FakeClock();
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND new.example'), { code: 'ENOTFOUND' });
    const { fn } = flaky([notFound, notFound], 'resolved');
    await expect(retry(fn, { deadlineMs: 60_000, clock })).rejects.toBe(notFound);
    const again = flaky([notFound, notFound], 'resolved');
    const result = await retry(again.fn, {
      deadlineMs: 60_000,
      clock,
      classify: (error) => ({ retryable: (error as { code?: string }).code === 'ENOTFOUND', reason: 'dns not ready' }),
    });
    expect(result).toBe('resolved');
    expect(again.attempts).toEqual([1, 2, 3]);
  });

  it('stops when the signal aborts, with its reason', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const { fn, attempts } = flaky([httpError(503), httpError(503), httpError(503)], 'x');
    const outcome = retry(fn, {
      deadlineMs: 60_000,
      clock,
      signal: controller.signal,
      onRetry: (info) => {
        if (info.attempt === 2) controller.abort(new Error('job cancelled'));
      },
    });
    await expect(outcome).rejects.toThrow('job cancelled');
    expect(attempts).toEqual([1, 2]);
  });

  it('still stops at the deadline after so many attempts that the backoff overflows (no NaN sleeps)', async () => {
    for (const initialDelayMs of [0, 1]) {
      const clock = new FakeClock(0);
      let attempts = 0;
      const outcome = await retry(
        () => {
          attempts += 1;
          clock.advance(100);
          return Promise.reject(httpError(503));
        },
        { deadlineMs: 120_000, initialDelayMs, maxDelayMs: 50, factor: 4, clock, random: () => 0.5, maxAttempts: 5000 }, // a regression fails, not hangs
      ).catch((caught: unknown) => caught);
      expect(outcome).toBeInstanceOf(DeadlineError);
      // 4 ** 512 is Infinity: attempts past that must still sleep a number of ms and end at the deadline.
      expect(attempts).toBeGreaterThan(600);
      expect(clock.sleeps.every((ms) => Number.isFinite(ms))).toBe(true);
      expect(clock.now()).toBeGreaterThanOrEqual(120_000);
    }
  });

  it('never sleeps past the deadline (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          deadlineMs: fc.integer({ min: 0, max: 120_000 }),
          initialDelayMs: fc.integer({ min: 0, max: 5000 }),
          // Each attempt takes some time, so virtual time always moves (a zero
          // delay with zero work would spin forever on a fake clock).
          maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
          factor: fc.double({ min: 1, max: 4, noNaN: true }),
          workMs: fc.integer({ min: 100, max: 3000 }),
          retryAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
          seed: fc.double({ min: 0, max: 0.999, noNaN: true }),
        }),
        async ({ deadlineMs, initialDelayMs, maxDelayMs, factor, workMs, retryAfter, seed }) => {
          const clock = new FakeClock(0);
          let attempts = 0;
          const outcome = await retry(
            () => {
              attempts += 1;
              clock.advance(workMs);
              return Promise.reject(httpError(503, retryAfter));
            },
            { deadlineMs, initialDelayMs, maxDelayMs, factor, clock, random: () => seed },
          ).catch((caught: unknown) => caught);
          expect(outcome).toBeInstanceOf(DeadlineError);
          const slept = clock.sleeps.reduce((sum, ms) => sum + ms, 0);
          expect(slept).toBeLessThanOrEqual(deadlineMs);
          expect(attempts).toBe(clock.sleeps.length + 1);
          // Every sleep started before the deadline and ended no later than it.
          let time = 0;
          for (const ms of clock.sleeps) {
            time += workMs;
            expect(time).toBeLessThan(deadlineMs);
            time += ms;
            expect(time).toBeLessThanOrEqual(deadlineMs);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('systemClock', () => {
  it('sleeps and tells the time', async () => {
    const before = systemClock.now();
    await systemClock.sleep(1);
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
  });

  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(systemClock.sleep(10, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});

describe('FakeClock', () => {
  it('advances on sleep and on advance, and refuses aborted sleeps', async () => {
    const clock = new FakeClock(100);
    await clock.sleep(50);
    clock.advance(25);
    expect(clock.now()).toBe(175);
    expect(clock.sleeps).toEqual([50]);
    await expect(clock.sleep(1, AbortSignal.abort(new Error('no')))).rejects.toThrow('no');
  });
});
