// The result for people: the verdict first, then one table of the Application's resources, the
// endpoint checks and the rollback; and the error a promotion that was not verified fails with.
import { formatDuration } from '../../shared/core/duration.ts';
import { TABLE_HEADER, tableRows, textTable } from '../../shared/endpoints/report.ts';
import { UserError, errorMessage, isUserError } from '../../shared/core/errors.ts';
import type { Outcome } from '../../shared/core/action.ts';
import { Summary, writeFailureSummary } from '../../shared/core/summary.ts';
import type { Failure, Verdict } from '../../shared/core/verdict.ts';
import { RESOURCE_HEADER, resourceRows, type PromotionReport, type PromotionResult } from './verify-promotion.ts';

/** The resources table as aligned text for the log and error message. */
export function resourceText(result: PromotionResult): string {
  const rows = [RESOURCE_HEADER, ...resourceRows(result.app.resources)];
  const widths = RESOURCE_HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function failureError(result: PromotionResult): UserError {
  const parts = [`Promotion not verified: ${result.reason}.`];
  if (result.app.message) parts.push(`Argo CD: ${result.app.message}`);
  if (result.app.resources.length > 0 && result.app.outcome !== 'healthy') parts.push(resourceText(result));
  if (result.endpoints && !result.endpoints.passed) parts.push(textTable(result.endpoints));
  if (result.rollback) parts.push(`Rollback pull request #${result.rollback.number}: ${result.rollback.url}`);
  return new UserError(parts.join('\n'), { fix: fixOf(result) });
}

/** What to do when the rollback pull request could not be opened. */
const BY_HAND = 'Look at the resources below (kubectl describe, logs); roll back by hand, or re-run once the rollback pull request can be opened.';

/** What to do about a promotion that was not verified. */
function fixOf(result: PromotionResult): string {
  return result.rollback
    ? 'Review and merge the rollback pull request, then fix the promotion.'
    : 'Look at the resources above (kubectl describe, logs); set `rollback: true` to have a rollback pull request opened.';
}

/** The first line: the Application and revision, and what happened; on failure, the reason and the fix below it. */
export function promotionVerdict(result: PromotionResult, report: PromotionReport, ms: number, rollbackError?: unknown): Verdict {
  const what = `${report.application} at ${report.revision.slice(0, 7)}`;
  if (result.passed) return { action: 'verify-promotion', status: 'success', text: `${what}: ${result.reason}`, ms };
  const argo = result.app.outcome !== 'healthy';
  const object = argo ? `Application ${report.application}` : "Production's endpoints";
  const reason = `${result.reason}${argo && result.app.message ? `: ${result.app.message}` : ''}`;
  const failures: Failure[] = [{ object, reason, fix: rollbackError === undefined ? fixOf(result) : BY_HAND }];
  if (rollbackError !== undefined) {
    const fix = isUserError(rollbackError) ? rollbackError.fix : undefined;
    failures.push({ object: 'Rollback pull request', reason: `could not be opened: ${errorMessage(rollbackError)}`, ...(fix ? { fix } : {}) });
  }
  return { action: 'verify-promotion', status: 'failure', text: `${what}: not verified`, ms, failures };
}

/** Writes the job summary: the verdict, Argo CD's status, the resources, the endpoint checks and the rollback. */
export async function writePromotionSummary(
  result: PromotionResult,
  report: PromotionReport,
  summary = new Summary(),
  ms = performance.now(),
  rollbackError?: unknown,
): Promise<void> {
  summary.verdict(promotionVerdict(result, report, ms, rollbackError));
  summary.paragraph(
    `Argo CD: sync ${result.app.syncStatus ?? '—'}, operation ${result.app.phase ?? '—'}, health ${result.app.health ?? '—'} (after ${formatDuration(result.waitedMs)})${result.app.message ? `: ${result.app.message}` : ''}`,
  );
  summary.table(RESOURCE_HEADER, resourceRows(result.app.resources));
  if (result.endpoints) summary.table(TABLE_HEADER, tableRows(result.endpoints));
  if (result.rollback) summary.paragraph(`Rollback pull request: [#${result.rollback.number}](${result.rollback.url})`).code(result.rollback.diff, 'diff');
  await summary.write();
}

/**
 * The job summary of a run: the verification; when the rollback could not be opened, the verification with that
 * failure below; when the run stopped before Argo CD was judged, the failure (naming the Application) with its fix.
 */
export async function writeSummary(report: PromotionReport, outcome: Outcome<PromotionResult>, summary = new Summary(), ms = performance.now()): Promise<void> {
  if (outcome.result) await writePromotionSummary(outcome.result, report, summary, ms);
  else if (report.judged) await writePromotionSummary(report.judged, report, summary, ms, outcome.error);
  else await writeFailureSummary('verify-promotion', `Application ${report.application} at ${report.revision.slice(0, 7)}`, outcome.error, summary, ms);
}
