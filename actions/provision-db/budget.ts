// One deadline for the whole run (the `timeout` input): every retry loop gets what is left.
import type { Logger } from '../../shared/core/logger.ts';
import { systemClock, type Clock } from '../../shared/core/clock.ts';
import { type RetryOptions } from '../../shared/core/retry.ts';

/** The time left until the run's deadline, handed to each retry. */
export class Budget {
  readonly clock: Clock;
  private readonly end: number;
  private readonly logger: Logger;

  constructor(totalMs: number, logger: Logger, clock: Clock = systemClock) {
    this.clock = clock;
    this.end = clock.now() + totalMs;
    this.logger = logger;
  }

  /** Milliseconds left (never negative). */
  remaining(): number {
    return Math.max(0, this.end - this.clock.now());
  }

  /** Options for `retry()` that stop at the deadline and log each wait. */
  retry(what: string, capMs = Number.POSITIVE_INFINITY): RetryOptions {
    return {
      deadlineMs: Math.min(this.remaining(), capMs),
      what,
      clock: this.clock,
      initialDelayMs: 500,
      maxDelayMs: 10_000,
      onRetry: ({ attempt, delayMs, reason }) => this.logger.info(`${what}: attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms.`),
    };
  }
}
