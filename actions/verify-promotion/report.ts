// The result for people (one table of the Application's resources, the endpoint checks, the
// rollback) and for later steps (outputs).
import { formatDuration } from '../../shared/core/duration.ts';
import { TABLE_HEADER, tableRows, textTable } from '../../shared/endpoints/report.ts';
import { UserError } from '../../shared/core/errors.ts';
import type { OutputValue } from '../../shared/core/outputs.ts';
import { Summary } from '../../shared/core/summary.ts';
import type { Inputs } from './inputs.ts';
import { RESOURCE_HEADER, resourceRows, type PromotionResult } from './verify-promotion.ts';

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

export function toOutputs(result: PromotionResult): Record<string, OutputValue> {
  return {
    passed: result.passed,
    outcome: result.app.outcome,
    reason: result.reason,
    revision: result.app.revision ?? '',
    resources: result.app.resources,
    'rollback-pull-request-number': result.rollback?.number,
    'rollback-pull-request-url': result.rollback?.url,
  };
}

export function failureError(result: PromotionResult): UserError {
  const parts = [`Promotion not verified: ${result.reason}.`];
  if (result.app.message) parts.push(`Argo CD: ${result.app.message}`);
  if (result.app.resources.length > 0 && result.app.outcome !== 'healthy') parts.push(resourceText(result));
  if (result.endpoints && !result.endpoints.passed) parts.push(textTable(result.endpoints));
  if (result.rollback) parts.push(`Rollback pull request #${result.rollback.number}: ${result.rollback.url}`);
  return new UserError(parts.join('\n'), {
    fix: result.rollback
      ? 'Review and merge the rollback pull request, then fix the promotion.'
      : 'Look at the resources above (kubectl describe, logs); set `rollback: true` to have a rollback pull request opened.',
  });
}

export async function writePromotionSummary(result: PromotionResult, inputs: Inputs, summary = new Summary()): Promise<void> {
  summary.heading(`verify-promotion: ${result.passed ? '✅' : '❌'} ${inputs.application} at ${inputs.revision.slice(0, 7)}: ${result.reason}`, 3);
  summary.paragraph(
    `Argo CD: sync ${result.app.syncStatus ?? '—'}, operation ${result.app.phase ?? '—'}, health ${result.app.health ?? '—'} (after ${formatDuration(result.waitedMs)})${result.app.message ? `: ${result.app.message}` : ''}`,
  );
  summary.table(RESOURCE_HEADER, resourceRows(result.app.resources));
  if (result.endpoints) summary.table(TABLE_HEADER, tableRows(result.endpoints));
  if (result.rollback) summary.paragraph(`Rollback pull request: [#${result.rollback.number}](${result.rollback.url})`).code(result.rollback.diff, 'diff');
  await summary.write();
}
