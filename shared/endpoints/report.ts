// The run's results for people (a table in the log and the job summary) and for later steps
// (the `results` output). Everything here is already redacted by verify.ts.
import { formatDuration } from '../core/duration.ts';
import { UserError } from '../core/errors.ts';
import type { Cell } from '../core/summary.ts';
import type { CheckResult, VerifyResult } from './verify.ts';

const RESULT_WORDS = { passed: 'passed', 'not-ready': 'not ready', 'wrong-answer': 'wrong answer', 'old-version': 'old version' } as const;

/** The columns of the results table. */
export const TABLE_HEADER = ['#', 'Check', 'Result', 'Status', 'Latency', 'Attempts', 'Details'];

/** What a person needs about a failure: the reason, where it ended up, and what the body said. */
export function details(result: CheckResult): string {
  if (result.passed) return result.version !== null ? `version ${result.version}` : '';
  const parts = [result.reason ?? ''];
  if (result.finalUrl !== null) parts.push(`answered by ${result.finalUrl}`);
  if (result.body !== null && result.body !== '') parts.push(`body: ${result.body}`);
  return parts.join('; ');
}

/** One table row per check. */
export function tableRows(verify: VerifyResult): Cell[][] {
  return verify.results.map((r) => [
    r.index,
    r.name,
    `${r.passed ? '✅' : '❌'} ${RESULT_WORDS[r.verdict]}`,
    r.status ?? '—',
    r.latencyMs === null ? '—' : formatDuration(r.latencyMs),
    r.attempts,
    details(r),
  ]);
}

/** The table as aligned plain text for the log (long details are not padded). */
export function textTable(verify: VerifyResult): string {
  const rows = [TABLE_HEADER, ...tableRows(verify).map((row) => row.map(String))];
  const widths = TABLE_HEADER.map((_, column) => Math.max(...rows.map((row) => Array.from(row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - Array.from(cell).length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The `results` output: one object per check. */
export function resultsOutput(verify: VerifyResult): object[] {
  return verify.results.map((r) => ({
    index: r.index,
    name: r.name,
    method: r.method,
    url: r.url,
    passed: r.passed,
    result: r.verdict,
    status: r.status,
    latencyMs: r.latencyMs,
    attempts: r.attempts,
    elapsedMs: r.elapsedMs,
    reason: r.reason,
    failures: r.failures,
    body: r.body,
    version: r.version,
    finalUrl: r.finalUrl,
  }));
}

/** A one-line account of the run. */
export function headline(verify: VerifyResult): string {
  const passed = verify.results.filter((r) => r.passed).length;
  return `${passed} of ${verify.results.length} check(s) passed in ${formatDuration(verify.elapsedMs)}`;
}

/** Failed checks listed in the failure message; the table has them all. */
const MAX_LISTED = 10;

/** The error that fails the step when a check failed: each failure named, and what to do. */
export function failureError(verify: VerifyResult, timeoutMs: number): UserError {
  const failed = verify.results.filter((r) => !r.passed);
  const lines = failed.map((r) => `#${r.index} ${r.name}: ${RESULT_WORDS[r.verdict]}: ${r.reason ?? ''}`.replace(/([^.!?])$/, '$1.'));
  const fixes: string[] = [];
  if (failed.some((r) => r.verdict === 'not-ready'))
    fixes.push(`If the environment needs longer to come up, raise \`timeout\` (now ${formatDuration(timeoutMs)}).`);
  if (failed.some((r) => r.tls))
    fixes.push('For a self-signed or private certificate that is expected (a test cluster), set `insecure-tls: true` or pass `ca-certificate`.');
  if (failed.some((r) => r.verdict === 'old-version'))
    fixes.push('The old version is still answering: check that the rollout finished and the image tag is the new one.');
  if (failed.some((r) => r.verdict === 'wrong-answer')) fixes.push('A check got a wrong answer: see the table in the log or job summary for what came back.');
  const shown = lines.length > MAX_LISTED ? [...lines.slice(0, MAX_LISTED - 1), `…and ${lines.length - MAX_LISTED + 1} more (see the table).`] : lines;
  return new UserError(`${failed.length} of ${verify.results.length} check(s) failed:\n${shown.join('\n')}`, { fix: fixes.join(' ') });
}
