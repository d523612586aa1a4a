// The job summary (every object, its action and why, and the time it took; in a sweep also the
// decision for each environment) and the outputs.
import { formatDuration } from '../../shared/duration.ts';
import type { OutputValue } from '../../shared/outputs.ts';
import { Summary } from '../../shared/summary.ts';
import type { CleanupReport } from './cleanup.ts';
import { describeObject, outputEntries, type Action } from './report.ts';

const ACTION_TEXT: Record<Action, string> = {
  removed: 'removed',
  'already-gone': 'already gone',
  'would-remove': 'would be removed',
  skipped: 'skipped',
  failed: 'FAILED',
};

/** `3 removed, 1 already gone, 2 skipped`. */
export function countsText(report: CleanupReport): string {
  const counts = new Map<Action, number>();
  for (const o of report.outcomes) counts.set(o.action, (counts.get(o.action) ?? 0) + 1);
  const parts = (Object.keys(ACTION_TEXT) as Action[]).filter((a) => counts.has(a)).map((a) => `${counts.get(a) ?? 0} ${ACTION_TEXT[a]}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing found';
}

/** Writes the job summary; called whether the run succeeded or not. */
export async function writeCleanupSummary(report: CleanupReport, summary = new Summary()): Promise<void> {
  const dry = report.dryRun ? ' (dry run)' : '';
  summary.heading(report.mode === 'sweep' ? `cleanup-branch: sweep${dry}` : `cleanup-branch: ${report.names?.branch ?? 'no branch'}${dry}`, 3);
  const lines = [`Objects: ${countsText(report)}. Time taken ${formatDuration(report.elapsedMs)}.`];
  if (report.mode === 'sweep') {
    const stale = report.environments.filter((e) => e.decision !== 'kept').length;
    lines.push(`Environments: ${report.environments.length} found, ${stale} stale (branch gone, last deploy older than ${formatDuration(report.gracePeriodMs ?? 0)}); at most ${report.peakConcurrency} torn down at once.`);
  }
  if (report.notCleaned.length > 0) lines.push(`Not cleaned (inputs not given): ${report.notCleaned.join('; ')}.`);
  summary.paragraph(lines.join('\n'));
  if (report.mode === 'sweep' && report.environments.length > 0) {
    summary.table(
      ['Environment', 'Branch', 'Decision', 'Why', 'Last deploy'],
      report.environments.map((e) => [e.slug, e.branch ?? '?', e.decision, e.reason, e.lastDeploy === undefined ? 'unknown' : new Date(e.lastDeploy).toISOString()]),
    );
  }
  if (report.outcomes.length > 0) {
    summary.table(
      ['Object', 'Environment', 'Action', 'Details', 'Time'],
      report.outcomes.map((o) => [describeObject(o.kind, o.name), o.slug, ACTION_TEXT[o.action], o.reason ?? '', formatDuration(o.ms)]),
    );
  }
  await summary.write();
}

/** The outputs (mirrors action.yml). */
export function toOutputs(report: CleanupReport): Record<string, OutputValue> {
  const pick = (action: Action) => outputEntries(report.outcomes.filter((o) => o.action === action));
  return {
    removed: pick('removed'),
    skipped: pick('skipped'),
    'would-remove': pick('would-remove'),
    'already-gone': pick('already-gone'),
    environments: report.environments.map((e) => ({ slug: e.slug, branch: e.branch ?? null, decision: e.decision, reason: e.reason })),
  };
}
