import type { Outcome } from '../../shared/core/action.ts';
import { Summary, writeFailureSummary } from '../../shared/core/summary.ts';
import type { Verdict } from '../../shared/core/verdict.ts';
import type { BuildTagResult } from './build-tag.ts';

/** The first line: the names made for the branch, and which services changed. */
export function buildTagVerdict(result: BuildTagResult, ms: number): Verdict {
  const services =
    result.changes.how === 'no services given' ? '' : `, ${result.changes.changed.length} service(s) changed (${result.changes.changed.join(', ') || 'none'})`;
  return { action: 'build-tag', status: 'success', text: `Named ${result.branch}: tag ${result.tag}, namespace ${result.namespace}${services}`, ms };
}

/** Writes the job summary: the verdict, the names table and the changed services. `ms`: time since the process started. */
export async function writeBuildTagSummary(result: BuildTagResult, summary = new Summary(), ms = performance.now()): Promise<void> {
  summary.verdict(buildTagVerdict(result, ms));
  summary.table(
    ['Name', 'Value'],
    [
      ['Tag', result.tag],
      ['Namespace', result.namespace],
      ['Database', result.names.database],
      ['Role', result.names.role],
      ['Slug', result.names.slug],
      ['Production', result.isProduction ? 'yes' : 'no'],
      ['Commit', result.sha],
    ],
  );
  const images = Object.values(result.images);
  if (images.length > 0) summary.list(images);
  if (result.changes.how !== 'no services given') {
    summary.paragraph(
      `Changed services (compared with ${result.changes.how}, ${result.changes.files.length} file(s)): ${result.changes.changed.join(', ') || 'none'}`,
    );
  }
  await summary.write();
}

/** The job summary of a run: the names, or the failure with its fix. */
export async function writeSummary(_report: undefined, outcome: Outcome<BuildTagResult>, summary = new Summary(), ms = performance.now()): Promise<void> {
  if (outcome.result) await writeBuildTagSummary(outcome.result, summary, ms);
  else await writeFailureSummary('build-tag', 'Naming the branch', outcome.error, summary, ms);
}
