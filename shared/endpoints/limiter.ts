// A concurrency limit: at most `limit` tasks run at once, the rest wait in order (FIFO).

/** Runs async tasks with at most `limit` in flight. */
export class Limiter {
  private readonly limit: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  /** @param limit at least 1. */
  constructor(limit: number) {
    this.limit = Math.max(1, Math.floor(limit));
  }

  /** Runs `task` when a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      if (next) next();
      else this.active -= 1;
    }
  }
}
