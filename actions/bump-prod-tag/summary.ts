import type { Outcome } from '../../shared/core/action.ts';
import { Summary, writeFailureSummary } from '../../shared/core/summary.ts';
import type { Verdict } from '../../shared/core/verdict.ts';
import type { BumpResult } from './bump-prod-tag.ts';
import { unifiedDiff } from '../../shared/kustomize-images/diff.ts';

/** One line saying what happened. */
export function outcome(result: BumpResult): string {
  const where = result.repository ? `${result.repository.owner}/${result.repository.repo}` : 'the workspace';
  if (result.changes.length === 0) return `Every image is already at its target in ${where}; nothing was changed.`;
  if (result.pullRequest) {
    const verb = result.changed ? 'is ready for review' : 'already holds this promotion (no change)';
    return `Pull request #${result.pullRequest.number} ${verb}: ${result.pullRequest.url}`;
  }
  if (result.mode === 'local') return `Edited ${result.files.filter((f) => f.before !== f.after).length} file(s) in the workspace; nothing was committed.`;
  return `Committed ${result.commitSha ?? ''} to ${result.base ?? 'the base branch'} in ${where}.`;
}

/** The first line: the outcome, marked unchanged when nothing had to change. */
export function bumpVerdict(result: BumpResult, ms: number): Verdict {
  const unchanged = result.changes.length === 0 || (result.pullRequest !== undefined && !result.changed);
  return { action: 'bump-prod-tag', status: unchanged ? 'unchanged' : 'success', text: `${outcome(result)} (${result.mode})`, ms };
}

/** Writes the job summary: the verdict, the per-image table and the diff. `ms`: time since the process started. */
export async function writeBumpSummary(result: BumpResult, summary = new Summary(), ms = performance.now()): Promise<void> {
  summary.verdict(bumpVerdict(result, ms));
  if (result.changes.length > 0) {
    summary.table(
      ['File', 'Image', 'Field', 'From', 'To'],
      result.changes.map((change) => [change.file, change.image, change.field, change.old ?? '(none)', change.new]),
    );
    const diff = result.files.map((file) => unifiedDiff(file.path, file.before, file.after)).join('');
    if (diff !== '') summary.code(diff, 'diff');
  }
  if (result.verified.length > 0) summary.paragraph(`Found in their registries: ${result.verified.join(', ')}`);
  for (const note of [...result.kept, ...result.warnings]) summary.paragraph(note);
  await summary.write();
}

/** The job summary of a run: the promotion, or the failure with its fix. */
export async function writeSummary(_report: undefined, outcome: Outcome<BumpResult>, summary = new Summary(), ms = performance.now()): Promise<void> {
  if (outcome.result) await writeBumpSummary(outcome.result, summary, ms);
  else await writeFailureSummary('bump-prod-tag', 'The promotion', outcome.error, summary, ms);
}
