import { Summary } from '../../shared/summary.ts';
import { TABLE_HEADER, headline, tableRows } from './report.ts';
import type { VerifyResult } from './verify.ts';

/** Writes the job summary: a headline, the version proven, and one row per check. */
export async function writeVerifySummary(verify: VerifyResult, expectVersion: string | undefined, summary = new Summary()): Promise<void> {
  summary.heading(`verify-endpoints: ${verify.passed ? '✅' : '❌'} ${headline(verify)}`, 3);
  if (expectVersion !== undefined) {
    const provers = verify.results.filter((r) => r.provesVersion && r.passed);
    summary.paragraph(
      verify.passed ? `Version ${expectVersion} is answering (proven by ${provers.map((r) => `#${r.index}`).join(', ') || 'no check'}).` : `Expected version: ${expectVersion}.`,
    );
  }
  summary.table(TABLE_HEADER, tableRows(verify));
  await summary.write();
}
