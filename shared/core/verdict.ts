// The words every summary, the CLI and the pull request comment share: one status mark, one
// vocabulary of results, durations in one format, and the verdict as plain text (one line with
// the mark, what was done and how long; then each failure in one line: object, reason, fix).
import { formatDuration } from './duration.ts';
import { compareText } from './order.ts';

/** How a run (or one object) ended, as a mark shows it. */
export type Status = 'success' | 'failure' | 'unchanged' | 'warning';

/** The one mark of each status, everywhere. */
export const MARKS: Record<Status, string> = { success: '✅', failure: '❌', unchanged: '➖', warning: '⚠️' };

/** What happened to one object: the suite's whole vocabulary, in the order counts list it. */
export const RESULTS = ['created', 'changed', 'unchanged', 'removed', 'skipped', 'failed'] as const;
export type Result = (typeof RESULTS)[number];

/** One failure: the object, the reason as the service words it, and the fix. */
export interface Failure {
  /** `Deployment/web`, `Database app_x`, `check #2 GET /health`. */
  object: string;
  reason: string;
  fix?: string;
}

/** The first thing a summary says. */
export interface Verdict {
  /** The action's name, shown before the text (`deploy-overlay`). */
  action: string;
  status: Status;
  /** What was done, without the time: `Deployed feature-x: 3 workloads ready`. */
  text: string;
  /** How long it took; left out when unknown. */
  ms?: number;
  failures?: Failure[];
}

/** Drops what would leave a sentence hanging: a trailing `:`, `,` or `;` and surrounding space. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s:;,]+$/, '');
}

/** `✅ deploy-overlay: Deployed feature-x in 12.3s`. */
export function verdictLine(v: Verdict): string {
  const took = v.ms === undefined ? '' : ` in ${formatDuration(v.ms)}`;
  return `${MARKS[v.status]} ${v.action}: ${tidy(v.text).replace(/\.$/, '')}${took}`;
}

/** `Deployment/web: ImagePullBackOff (…). Fix: push the tag`, on one line. */
export function failureLine(f: Failure): string {
  const reason = tidy(f.reason);
  const stop = /[.!?]$/.test(reason) ? '' : '.';
  const fix = f.fix === undefined || tidy(f.fix) === '' ? '' : ` Fix: ${tidy(f.fix)}`;
  return `${tidy(f.object)}: ${reason}${stop}${fix}`;
}

/** The verdict as text: its line, then `- ` and one line per failure. */
export function verdictText(v: Verdict): string {
  return [verdictLine(v), ...(v.failures ?? []).map((f) => `- ${failureLine(f)}`)].join('\n');
}

/** `24 created, 3 unchanged` in vocabulary order; `nothing` when empty. */
export function countsText(counts: ReadonlyMap<Result, number>): string {
  const parts = RESULTS.filter((r) => (counts.get(r) ?? 0) > 0).map((r) => `${counts.get(r) ?? 0} ${r}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** Counts of each result. */
export function countResults(results: Iterable<Result>): Map<Result, number> {
  const counts = new Map<Result, number>();
  for (const r of results) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

/** `Service` → `Services`, `Ingress` → `Ingresses`, `NetworkPolicy` → `NetworkPolicies`. */
export function plural(kind: string, n: number): string {
  if (n === 1) return kind;
  if (/(s|x|sh|ch)$/.test(kind)) return `${kind}es`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

/** `24 created, 3 unchanged: 9 Services, 4 SecretProviderClasses` (kinds most first, then by name). */
export function kindCountsText(items: readonly { kind: string; result: Result }[]): string {
  const byKind = new Map<string, number>();
  for (const item of items) byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([kind, n]) => `${n} ${plural(kind, n)}`);
  return `${countsText(countResults(items.map((i) => i.result)))}: ${kinds.join(', ')}`;
}
