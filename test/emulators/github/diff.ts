// Line counts of a change between two texts, as the compare API reports
// them (`additions`, `deletions`): lines not in the longest common
// subsequence of the two.

/** Above this many cells the exact count gives way to a multiset estimate. */
const MAX_CELLS = 25_000_000;

function lines(text: Buffer): string[] {
  if (text.length === 0) return [];
  const parts = text.toString('utf8').split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length * b.length > MAX_CELLS) {
    const counts = new Map<string, number>();
    for (const line of a) counts.set(line, (counts.get(line) ?? 0) + 1);
    let common = 0;
    for (const line of b) {
      const n = counts.get(line) ?? 0;
      if (n > 0) {
        common += 1;
        counts.set(line, n - 1);
      }
    }
    return common;
  }
  let prev = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (const lineA of a) {
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = lineA === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

/** Added and deleted line counts from `before` to `after`. */
export function lineChanges(before: Buffer, after: Buffer): { additions: number; deletions: number } {
  const a = lines(before);
  const b = lines(after);
  const common = lcsLength(a, b);
  return { additions: b.length - common, deletions: a.length - common };
}
