// A line diff (Myers' O(ND) algorithm: fast when few lines differ, as here) and
// its unified rendering for the job summary and the pull request body.

/** One line of a diff script. */
export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
  /** 1-based line in the old text (for ' ' and '-'). */
  oldLine?: number;
  /** 1-based line in the new text (for ' ' and '+'). */
  newLine?: number;
}

/** Lines of a text without their ends (`\r\n` or `\n`); a final newline adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The shortest edit script turning `a` into `b`, line by line. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const left = v[offset + k - 1] ?? 0;
      const right = v[offset + k + 1] ?? 0;
      let x = k === -d || (k !== d && left < right) ? right : left + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk the trace back from the end to recover the script.
  const script: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const vd = trace[d] ?? v;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : (vd[offset + prevK] ?? 0);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      script.push({ kind: ' ', text: a[x] ?? '', oldLine: x + 1, newLine: y + 1 });
    }
    if (d === 0) break;
    if (down) {
      y -= 1;
      script.push({ kind: '+', text: b[y] ?? '', newLine: y + 1 });
    } else {
      x -= 1;
      script.push({ kind: '-', text: a[x] ?? '', oldLine: x + 1 });
    }
  }
  return script.reverse();
}

/** Only the changed lines, as `-old` / `+new` strings in order. */
export function changedLines(before: string, after: string): string[] {
  return diffLines(splitLines(before), splitLines(after))
    .filter((line) => line.kind !== ' ')
    .map((line) => `${line.kind}${line.text}`);
}

/**
 * A unified diff (`--- a/path`, `+++ b/path`, `@@` hunks with `context` lines around each
 * change); empty when the texts are equal.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const script = diffLines(splitLines(before), splitLines(after));
  const changed = script.map((line, index) => (line.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(script.length, index + context + 1);
    const last = hunks.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const [start, end] of hunks) {
    const lines = script.slice(start, end);
    const oldCount = lines.filter((l) => l.kind !== '+').length;
    const newCount = lines.filter((l) => l.kind !== '-').length;
    const firstOld = lines.find((l) => l.oldLine !== undefined)?.oldLine ?? 0;
    const firstNew = lines.find((l) => l.newLine !== undefined)?.newLine ?? 0;
    const oldStart = oldCount === 0 ? Math.max(0, firstOld - 1) : firstOld;
    const newStart = newCount === 0 ? Math.max(0, firstNew - 1) : firstNew;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const line of lines) out.push(`${line.kind}${line.text}`);
  }
  return `${out.join('\n')}\n`;
}
