// Fault injection and request counters, shared by every emulator.
// Faults are chosen per request either by a script (ordered rules, each with a
// match and a count) or at a rate (evenly spaced). Each emulator renders a `status`
// fault in its own error shape (Kubernetes Status, ARM error, GitHub message).

export type Fault =
  { kind: 'status'; status: number; retryAfterSeconds?: number; code?: string; message?: string } | { kind: 'drop' } | { kind: 'delay'; ms: number };

export interface FaultRule {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path matches (any when absent). */
  path?: RegExp;
  fault: Fault;
  /** How many requests this rule may hit; unlimited when absent. */
  times?: number;
}

/** The faults the rate draws from, in turn. */
export const DEFAULT_RATE_FAULTS: Fault[] = [
  { kind: 'status', status: 429, retryAfterSeconds: 1 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 500 },
  { kind: 'drop' },
];

export class FaultInjector {
  private rules: { rule: FaultRule; left: number }[] = [];
  private rate = 0;
  private rateFaults: Fault[] = DEFAULT_RATE_FAULTS;
  private turn = 0;
  /** Requests the rate has been applied to since it was set. */
  private seen = 0;
  /** Requests that received a fault. */
  injected = 0;

  /** Appends scripted rules; they are consulted before the rate. */
  script(...rules: FaultRule[]): void {
    for (const rule of rules) this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  /**
   * Injects a fault into this fraction (0..1) of requests that no rule matched, evenly spaced
   * (at 0.15, the 7th, 14th, 20th, ... request): a test that sends a dozen requests sees faults
   * for certain, where a coin flip per request left about one run in thirty without any.
   */
  setRate(rate: number, faults: Fault[] = DEFAULT_RATE_FAULTS): void {
    if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate must be within 0..1, got ${rate}`);
    this.rate = rate;
    this.rateFaults = faults;
    this.seen = 0;
  }

  clear(): void {
    this.rules = [];
    this.rate = 0;
  }

  /**
   * The fault for this request, if any. `eligible` lets an emulator exempt
   * requests that must not fail (its own control endpoints).
   */
  pick(method: string, path: string, eligible = true): Fault | undefined {
    if (!eligible) return undefined;
    for (const entry of this.rules) {
      if (entry.left <= 0) continue;
      if (entry.rule.method && entry.rule.method !== method) continue;
      if (entry.rule.path && !entry.rule.path.test(path)) continue;
      entry.left -= 1;
      this.injected += 1;
      return entry.rule.fault;
    }
    const due = this.rate > 0 && Math.floor((this.seen + 1) * this.rate) > Math.floor(this.seen * this.rate);
    if (this.rate > 0) this.seen += 1;
    if (due && this.rateFaults.length > 0) {
      const fault = this.rateFaults[this.turn % this.rateFaults.length];
      this.turn += 1;
      this.injected += 1;
      return fault;
    }
    return undefined;
  }
}

/** Counts requests served, by `METHOD path` and in total. */
export class RequestCounter {
  total = 0;
  private readonly byKey = new Map<string, number>();

  record(method: string, path: string): void {
    this.total += 1;
    const key = `${method} ${path}`;
    this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
  }

  /** Requests whose method matches and whose path matches the pattern. */
  count(method?: string, path?: RegExp): number {
    let n = 0;
    for (const [key, value] of this.byKey) {
      const space = key.indexOf(' ');
      if (method && key.slice(0, space) !== method) continue;
      if (path && !path.test(key.slice(space + 1))) continue;
      n += value;
    }
    return n;
  }

  reset(): void {
    this.total = 0;
    this.byKey.clear();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
