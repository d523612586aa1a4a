// The job summary: the verdict first (what was removed, what was refused and why, each failure
// in one line), then the removed and refused objects by name, the sweep's decisions, and every
// object with its time folded; and the outputs.
import { formatDuration } from '../../shared/core/duration.ts';
import { isUserError, errorMessage } from '../../shared/core/errors.ts';
import type { Outcome as RunOutcome } from '../../shared/core/action.ts';
import { Summary } from '../../shared/core/summary.ts';
import { countResults, countsText as vocabularyCounts, type Failure, type Result, type Verdict } from '../../shared/core/verdict.ts';
import type { CleanupReport } from './cleanup-branch.ts';
import { describeObject, type Action, type Outcome } from './report.ts';

/** Each action in the suite's vocabulary: already gone is unchanged; a refusal or a dry run's would-remove is skipped. */
const RESULT: Record<Action, Result> = { removed: 'removed', 'already-gone': 'unchanged', 'would-remove': 'skipped', skipped: 'skipped', failed: 'failed' };
const DETAIL: Record<Action, string> = {
  removed: '',
  'already-gone': 'already gone',
  'would-remove': 'dry run: would be removed',
  skipped: 'refused',
  failed: '',
};

/** `3 removed, 1 unchanged, 2 skipped` (the suite's vocabulary). */
export function countsText(report: CleanupReport): string {
  return vocabularyCounts(countResults(report.outcomes.map((o) => RESULT[o.action])));
}

const names = (outcomes: readonly Outcome[]): string => outcomes.map((o) => describeObject(o.kind, o.name)).join(', ');

/** The first line and the failures below it. */
export function cleanupVerdict(report: CleanupReport, error?: unknown): Verdict {
  const of = (action: Action): Outcome[] => report.outcomes.filter((o) => o.action === action);
  const [removed, skipped, failed, would, gone] = [of('removed'), of('skipped'), of('failed'), of('would-remove'), of('already-gone')];
  const refused = skipped.filter((o) => o.refused === true);
  const kept = skipped.filter((o) => o.refused !== true);
  const what = report.mode === 'sweep' ? `sweep of ${report.environments.length} environment(s)` : `cleanup of ${report.names?.branch ?? 'the branch'}`;
  const failures: Failure[] = failed.map((o) => ({ object: describeObject(o.kind, o.name), reason: o.reason ?? 'unknown error' }));
  // An error no object's outcome holds (bad input, a part that could not be reached).
  if (error !== undefined && failed.length === 0)
    failures.push({ object: what, reason: errorMessage(error), ...(isUserError(error) && error.fix ? { fix: error.fix } : {}) });
  const parts = [
    report.dryRun ? `${would.length} would be removed` : `${removed.length} removed`,
    refused.length > 0 ? `${refused.length} skipped (refused)` : '',
    kept.length > 0 ? `${kept.length} kept` : '',
    gone.length > 0 ? `${gone.length} unchanged (already gone)` : '',
    failed.length > 0 ? `${failed.length} failed` : '',
  ].filter(Boolean);
  const base = { action: 'cleanup-branch', ms: report.elapsedMs };
  const text = `${report.dryRun ? 'Dry run, ' : ''}${what}: ${parts.join(', ')}`.replace(/^./, (c) => c.toUpperCase());
  if (failures.length > 0) return { ...base, status: 'failure', text, failures };
  if (removed.length + would.length === 0 && refused.length === 0) return { ...base, status: 'unchanged', text: `${text}, nothing left to remove` };
  return { ...base, status: refused.length > 0 ? 'warning' : 'success', text };
}

/** Writes the job summary; called whether the run succeeded or not (`error`: what it threw). */
export async function writeCleanupSummary(report: CleanupReport, summary = new Summary(), error?: unknown): Promise<void> {
  summary.verdict(cleanupVerdict(report, error));
  const removed = report.outcomes.filter((o) => o.action === (report.dryRun ? 'would-remove' : 'removed'));
  if (removed.length > 0) summary.paragraph(`${report.dryRun ? 'Would remove' : 'Removed'}: ${names(removed)}.`);
  const refused = report.outcomes.filter((o) => o.action === 'skipped' && o.refused === true);
  if (refused.length > 0) summary.list(refused.map((o) => `Refused ${describeObject(o.kind, o.name)}: ${o.reason ?? 'no reason given'}`));
  const kept = report.outcomes.filter((o) => o.action === 'skipped' && o.refused !== true);
  if (kept.length > 0) summary.paragraph(`Kept: ${kept.map((o) => `${describeObject(o.kind, o.name)} (${o.reason ?? 'no reason given'})`).join(', ')}.`);
  if (report.notCleaned.length > 0) summary.paragraph(`Not cleaned (inputs not given): ${report.notCleaned.join('; ')}.`);
  if (report.mode === 'sweep') {
    const stale = report.environments.filter((e) => e.decision !== 'kept').length;
    summary.paragraph(
      `Environments: ${report.environments.length} found, ${stale} stale (branch gone, last deploy older than ${formatDuration(report.gracePeriodMs ?? 0)}); at most ${report.peakConcurrency} torn down at once.`,
    );
    if (report.environments.length > 0) {
      summary.table(
        ['Environment', 'Branch', 'Decision', 'Why', 'Last deploy'],
        report.environments.map((e) => [
          e.slug,
          e.branch ?? '?',
          e.decision,
          e.reason,
          e.lastDeploy === undefined ? 'unknown' : new Date(e.lastDeploy).toISOString(),
        ]),
      );
    }
  }
  if (report.outcomes.length > 0) {
    summary.foldedTable(
      `All ${report.outcomes.length} object(s): ${countsText(report)}`,
      ['Object', 'Environment', 'Result', 'Details', 'Time'],
      report.outcomes.map((o) => [
        describeObject(o.kind, o.name),
        o.slug,
        RESULT[o.action],
        [o.action === 'skipped' && o.refused !== true ? 'kept' : DETAIL[o.action], o.reason].filter(Boolean).join(': '),
        formatDuration(o.ms),
      ]),
    );
  }
  await summary.write();
}

/** The job summary of a run, passed or failed (what was removed, kept and refused). */
export async function writeSummary(report: CleanupReport, outcome: RunOutcome<CleanupReport>): Promise<void> {
  await writeCleanupSummary(report, undefined, outcome.error);
}
