// Time as a dependency: logic that waits or has deadlines takes a Clock, so
// tests run it on virtual time instead of sleeping.

import { setTimeout as delay } from 'node:timers/promises';

/** The time source and sleeper that waiting logic takes as an argument. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    signal?.throwIfAborted();
    try {
      await delay(Math.max(0, ms), undefined, signal === undefined ? undefined : { signal });
    } catch (error: unknown) {
      // node:timers rejects with its own AbortError; surface the caller's reason instead.
      if (signal?.aborted) signal.throwIfAborted();
      throw error;
    }
  },
};

/** The error a sleep rejects with when its signal aborts. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(`aborted: ${String(reason)}`);
}
