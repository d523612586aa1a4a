// The one deadline type: the time a whole run (or one environment of a sweep) may take, from its
// `timeout` input. Every retry loop, poll and wait is given what is left of it, so a run never
// overruns its timeout however many faults it meets.

import { systemClock, type Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { RetryOptions } from './retry.ts';

/** Backoff of the retries a {@link Deadline} hands out. */
export interface Backoff {
  /** Ceiling of the first wait (default 500 ms). */
  initialDelayMs?: number;
  /** Largest ceiling (default 10 000 ms). */
  maxDelayMs?: number;
}

/** A point in time that work must end by, with the clock that measures it. */
export class Deadline {
  readonly clock: Clock;
  /** Epoch milliseconds of the deadline. */
  readonly at: number;
  private readonly logger: Logger | undefined;
  private readonly backoff: Required<Backoff>;

  /**
   * @param totalMs time from now until the deadline
   * @param logger receives "retrying in" lines (none when undefined)
   */
  constructor(totalMs: number, options: { clock?: Clock; logger?: Logger; backoff?: Backoff } = {}) {
    this.clock = options.clock ?? systemClock;
    this.at = this.clock.now() + Math.max(0, totalMs);
    this.logger = options.logger;
    this.backoff = { initialDelayMs: options.backoff?.initialDelayMs ?? 500, maxDelayMs: options.backoff?.maxDelayMs ?? 10_000 };
  }

  /** Milliseconds left (never negative). */
  remaining(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  /** True once the deadline has passed. */
  expired(): boolean {
    return this.remaining() <= 0;
  }

  /** The smaller of what is left and `capMs`: for one wait inside the run. */
  within(capMs: number): number {
    return Math.min(this.remaining(), capMs);
  }

  /** Options for `retry()` that stop at the deadline (or after `capMs`) and log each wait. */
  retry(what: string, capMs = Number.POSITIVE_INFINITY): RetryOptions {
    const logger = this.logger;
    return {
      deadlineMs: this.within(capMs),
      what,
      clock: this.clock,
      ...this.backoff,
      ...(logger
        ? { onRetry: ({ attempt, delayMs, reason }) => logger.info(`${what}: attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms.`) }
        : {}),
    };
  }
}
