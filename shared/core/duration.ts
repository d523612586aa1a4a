// Durations as people write them in workflow files: `500ms`, `90s`, `5m`,
// `1h30m`. Pure functions, shared by the input reader and by messages that
// report elapsed time.

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
/** Units in the only order they may appear in: largest first, each at most once. */
const UNIT_ORDER: readonly Unit[] = ['h', 'm', 's', 'ms'];

/** The largest duration an input may hold: one day (a job cannot run longer anyway). */
export const MAX_DURATION_MS = 24 * UNIT_MS.h;

/** One `<number><unit>` part; `ms` is listed before `m` so it wins. */
const PART = /(\d+(?:\.\d+)?) *(ms|h|m|s)/y;

/**
 * Parses a duration and returns it in whole milliseconds, or `undefined` when
 * the text is not a duration.
 *
 * Accepted forms:
 * - a bare non-negative integer: **seconds** (`90` is 90 s), the unit most
 *   timeouts in workflow files are written in;
 * - one or more `<number><unit>` parts with units `h`, `m`, `s`, `ms`, largest
 *   first and each at most once, optionally separated by spaces: `1h30m`,
 *   `2m 30s`, `500ms`. Numbers may have a decimal fraction (`1.5m` is 90 s);
 *   the result is rounded to the nearest millisecond.
 *
 * Rejected: signs (`-5s`, `+5s`), a missing unit after a fraction (`1.5`),
 * unknown or upper-case units (`5M`, `1d`), repeated or out-of-order units
 * (`5m5m`, `30s1m`), and results that are not finite. Zero (`0`, `0s`) is
 * allowed. There is no upper bound here; callers apply their own.
 */
export function parseDuration(text: string): number | undefined {
  const source = text.trim();
  if (source === '') return undefined;
  if (/^\d+$/.test(source)) return finite(Number(source) * UNIT_MS.s);

  let total = 0;
  let nextUnit = 0;
  let index = 0;
  while (index < source.length) {
    PART.lastIndex = index;
    const match = PART.exec(source);
    if (!match) return undefined;
    const [whole, amount = '', unitText = ''] = match;
    const unit = unitText as Unit;
    const order = UNIT_ORDER.indexOf(unit);
    if (order < nextUnit) return undefined;
    nextUnit = order + 1;
    total += Number(amount) * UNIT_MS[unit];
    index += whole.length;
    // Spaces may separate parts (`2m 30s`).
    while (source[index] === ' ') index += 1;
  }
  return finite(Math.round(total));
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A duration for people: `0ms`, `250ms`, `1.5s`, `90s` is shown as `1m30s`,
 * `2h`, `1h0m5s` is shown as `1h5s`. Sub-second remainders are shown only
 * below a minute.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) {
    const seconds = Math.round(ms / 100) / 10;
    return seconds === 60 ? '1m' : `${seconds}s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (minutes > 0) out += `${minutes}m`;
  if (seconds > 0 || out === '') out += `${seconds}s`;
  return out;
}
