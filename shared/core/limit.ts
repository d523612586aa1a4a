// Bounded concurrency, one way for the whole suite: at most `limit` tasks run at once, the rest
// wait in order (FIFO). `Limiter` gates tasks as they come (endpoint checks); `mapLimit` runs a
// known list through one (objects applied, environments swept) and reports the peak reached.

/** Runs async tasks with at most `limit` in flight. */
export class Limiter {
  private readonly limit: number;
  private active = 0;
  private peakActive = 0;
  private readonly waiting: (() => void)[] = [];

  /** @param limit at least 1. */
  constructor(limit: number) {
    this.limit = Math.max(1, Math.floor(limit));
  }

  /** The highest number of tasks that ran at once so far. */
  get peak(): number {
    return this.peakActive;
  }

  /** Runs `task` when a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    this.peakActive = Math.max(this.peakActive, this.active);
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

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<{ results: R[]; peak: number }> {
  const limiter = new Limiter(limit);
  const results = await Promise.all(items.map((item, index) => limiter.run(() => fn(item, index))));
  return { results, peak: limiter.peak };
}
