import { Summary } from '../../shared/summary.ts';
import type { BumpResult } from './bump-prod-tag.ts';
import { unifiedDiff } from './diff.ts';

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

/** Writes the job summary: the outcome, the per-image table and the diff. */
export async function writeBumpSummary(result: BumpResult, summary = new Summary()): Promise<void> {
  summary.heading(`bump-prod-tag (${result.mode})`, 3);
  summary.paragraph(outcome(result));
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
