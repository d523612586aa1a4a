// Resource quantities (`500m`, `2`, `1Gi`, `128974848`, `1e3`) as the API server reads and
// prints them, enough for the scheduler's fit checks and the quota's usage and messages.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a quantity in base units (cores, bytes, counts); NaN when it is not one. */
export function parseQuantity(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  if (m[2]) return n * (BINARY[m[2]] ?? 1);
  if (m[3]) return n * 10 ** Number(m[3].slice(1));
  return n * (DECIMAL[m[4] ?? ''] ?? 1);
}

/**
 * A quantity printed in its canonical form, as `resource.Quantity.String()` does for the
 * common cases: whole numbers plain, fractions in milli-units (`1500m`), byte counts that are
 * multiples of 1024 with a binary suffix (`512Mi`, `1Gi`).
 */
export function formatQuantity(value: number, binary: boolean): string {
  if (binary && value >= 1024 && Number.isInteger(value)) {
    for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const unit = BINARY[suffix] ?? 1;
      if (value % unit === 0) return `${value / unit}${suffix}`;
    }
  }
  if (Number.isInteger(value)) return String(value);
  return `${Math.round(value * 1000)}m`;
}

/** Whether a resource is counted in bytes (printed with binary suffixes). */
export function isByteResource(name: string): boolean {
  return /memory|storage/.test(name);
}
