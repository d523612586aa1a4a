// Retry with exponential backoff, full jitter and a deadline. Transient
// faults (see classify-error.ts) are retried; permanent ones are rethrown at
// once, unchanged, so the user sees the server's own reason.

import { type Classification, classifyError } from './retry-policy.ts';
import { type Clock, systemClock } from './clock.ts';
import { formatDuration } from './duration.ts';
import { UserError } from './errors.ts';

/** What {@link RetryOptions.onRetry} is told before each wait. */
export interface RetryInfo {
  /** The attempt that just failed (1 for the first call). */
  attempt: number;
  /** How long retry will now wait. */
  delayMs: number;
  /** The classification's reason for the failure. */
  reason: string;
  /** The failure itself. */
  error: unknown;
}

/** How {@link retry} behaves. */
export interface RetryOptions {
  /** Total time budget from the first call, in ms. No wait ever ends past it. */
  deadlineMs: number;
  /** At most this many calls in all (default unlimited: the deadline decides). */
  maxAttempts?: number;
  /** Backoff ceiling before the first retry (default 1000 ms). */
  initialDelayMs?: number;
  /** Largest backoff ceiling (default 30 000 ms). */
  maxDelayMs?: number;
  /** Growth of the ceiling per attempt (default 2). */
  factor?: number;
  /** Full jitter: wait a random time between 0 and the ceiling (default `true`); otherwise the ceiling. */
  jitter?: boolean;
  /** Source of randomness for jitter, in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Which errors to retry (default {@link classifyError}). */
  classify?: (error: unknown) => Classification;
  /** Called before each wait, e.g. to log "retrying in 2s". */
  onRetry?: (info: RetryInfo) => void;
  /** Time source (default the system clock; tests pass a FakeClock). */
  clock?: Clock;
  /** Stops waiting and retrying when aborted; rejects with the signal's reason. */
  signal?: AbortSignal;
  /** What is being tried, for the deadline message (default `the operation`). */
  what?: string;
}

/**
 * Thrown when a retryable failure outlasts the deadline (or `maxAttempts`). It is a
 * {@link UserError} (the suite did nothing wrong; the service stayed
 * unavailable), so `run()` reports it without calling it a bug. The last
 * failure is its `cause`.
 */
export class DeadlineError extends UserError {
  /** How many times the operation was tried. */
  readonly attempts: number;
  /** Time from the first attempt to giving up, in ms. */
  readonly elapsedMs: number;

  constructor(what: string, attempts: number, elapsedMs: number, reason: string, cause: unknown) {
    const times = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
    super(`${what} still failing after ${times} in ${formatDuration(elapsedMs)}: ${reason}`, {
      fix: 'The service kept answering with a transient error. Re-run the job later, or allow more time if the action has a timeout input.',
      cause,
    });
    this.name = 'DeadlineError';
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
  }
}

/**
 * Calls `fn(attempt)` until it resolves, a failure is permanent, or the
 * deadline passes.
 *
 * Waits grow exponentially from `initialDelayMs` by `factor` up to
 * `maxDelayMs`, with full jitter. When the server asks for a wait
 * (`Retry-After`), retry waits at least that long. Waits are cut short so
 * none ends past the deadline; a final attempt is made at the deadline. A
 * server-requested wait that would end past the deadline gives up at once
 * rather than retrying into a certain refusal.
 *
 * @throws the permanent error itself, unchanged; a {@link DeadlineError} when
 *   time or attempts run out; the signal's reason when aborted.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  const classify = options.classify ?? ((error: unknown) => classifyError(error, clock.now()));
  const random = options.random ?? Math.random;
  const initial = options.initialDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const factor = options.factor ?? 2;
  const what = options.what ?? 'the operation';
  const start = clock.now();
  const deadline = start + Math.max(0, options.deadlineMs);

  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error: unknown) {
      options.signal?.throwIfAborted();
      const verdict = classify(error);
      if (!verdict.retryable) throw error;
      const now = clock.now();
      const remaining = deadline - now;
      const giveUp = (reason: string): DeadlineError => new DeadlineError(what, attempt, now - start, reason, error);
      if (remaining <= 0 || attempt >= (options.maxAttempts ?? Number.POSITIVE_INFINITY)) {
        throw giveUp(verdict.reason);
      }
      if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > remaining) {
        throw giveUp(`${verdict.reason} (the server asked to wait ${formatDuration(verdict.retryAfterMs)}, past the deadline)`);
      }
      // factor ** n overflows to Infinity after enough attempts (and 0 * Infinity is NaN): cap first.
      const grown = initial * factor ** (attempt - 1);
      const ceiling = Number.isFinite(grown) ? Math.min(maxDelay, grown) : initial > 0 ? maxDelay : 0;
      const backoff = options.jitter === false ? ceiling : Math.floor(random() * ceiling);
      const wanted = Math.max(backoff, verdict.retryAfterMs ?? 0);
      const delayMs = Math.max(0, Math.min(wanted, remaining));
      options.onRetry?.({ attempt, delayMs, reason: verdict.reason, error });
      await clock.sleep(delayMs, options.signal);
    }
  }
}
