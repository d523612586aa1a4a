import { Summary } from '../../shared/summary.ts';
import type { BuildTagResult } from './build-tag.ts';

/** Writes the job summary: the names table and the changed services. */
export async function writeBuildTagSummary(result: BuildTagResult, summary = new Summary()): Promise<void> {
  summary.heading(`build-tag: ${result.branch}`, 3);
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
