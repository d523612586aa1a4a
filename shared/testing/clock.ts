// Virtual time for tests.

import { abortReason, type Clock } from '../core/clock.ts';

/**
 * Virtual time for tests: `sleep` advances `now()` by the requested time at
 * once and records it, so code under test never really waits.
 */
export class FakeClock implements Clock {
  /** Every sleep requested, in order. */
  readonly sleeps: number[] = [];
  private time: number;

  /** @param start the initial `now()` (default 1 000 000, any fixed epoch works). */
  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Moves time forward without a sleep (as if work took `ms`). */
  advance(ms: number): void {
    this.time += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
    return Promise.resolve();
  }
}
