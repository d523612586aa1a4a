// Bounded concurrency for a sweep: at most `limit` environments in flight, and the highest
// number that actually ran at once (reported, and what the benchmark reads).

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<{ results: R[]; peak: number }> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let active = 0;
  let peak = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      active += 1;
      peak = Math.max(peak, active);
      try {
        results[index] = await fn(items[index] as T, index);
      } finally {
        active -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return { results, peak };
}
