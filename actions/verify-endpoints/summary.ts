// verify-endpoints' job summary: the verdict and each failed check first, the version proven, one
// row per check; a run that could not start says why and how to fix it.
import type { Outcome } from '../../shared/core/action.ts';
import { formatDuration } from '../../shared/core/duration.ts';
import { TABLE_HEADER, tableRows } from '../../shared/endpoints/report.ts';
import type { CheckResult, VerifyResult } from '../../shared/endpoints/verify.ts';
import { Summary, writeFailureSummary } from '../../shared/core/summary.ts';
import type { Failure, Verdict } from '../../shared/core/verdict.ts';
import type { VerifyReport } from './verify-endpoints.ts';

const FIX: Record<CheckResult['verdict'], string> = {
  passed: '',
  'not-ready': 'check the rollout and the logs of the service behind it, or raise `timeout` if it only needs longer to come up',
  'wrong-answer': 'compare what came back (the table below) with the check’s `expect`',
  'old-version': 'the old version is still answering: check that the rollout finished and the image tag is the new one',
};

/** The first line and each failed check in one line. */
export function verifyVerdict(verify: VerifyResult, expectVersion: string | undefined): Verdict {
  const total = verify.results.length;
  const failed = verify.results.filter((r) => !r.passed);
  const version = expectVersion !== undefined && verify.passed ? `, version ${expectVersion} is answering` : '';
  const failures: Failure[] = failed.map((r) => ({
    object: `#${r.index} ${r.name}`,
    reason: [r.reason ?? r.verdict, r.tls ? '(a TLS problem: for an expected private certificate set `insecure-tls: true` or pass `ca-certificate`)' : '']
      .filter(Boolean)
      .join(' '),
    fix: FIX[r.verdict],
  }));
  const text = verify.passed ? `All ${total} check(s) passed${version}` : `${failed.length} of ${total} check(s) failed`;
  return { action: 'verify-endpoints', status: verify.passed ? 'success' : 'failure', text, ms: verify.elapsedMs, failures };
}

/** Writes the job summary: the verdict and failures, the version proven, and one row per check. */
export async function writeVerifySummary(verify: VerifyResult, expectVersion: string | undefined, summary = new Summary()): Promise<void> {
  summary.verdict(verifyVerdict(verify, expectVersion));
  if (expectVersion !== undefined) {
    const provers = verify.results.filter((r) => r.provesVersion && r.passed);
    summary.paragraph(
      verify.passed
        ? `Version ${expectVersion} is answering (proven by ${provers.map((r) => `#${r.index}`).join(', ') || 'no check'}).`
        : `Expected version: ${expectVersion}.`,
    );
  }
  summary.table(TABLE_HEADER, tableRows(verify));
  summary.paragraph(`Times: ${verify.results.map((r) => `#${r.index} ${formatDuration(r.elapsedMs)}`).join(', ')}.`);
  await summary.write();
}

/** The job summary of a run: the checks (passed or not), or the error that stopped the run. */
export async function writeSummary(report: VerifyReport, outcome: Outcome<VerifyResult>, summary = new Summary()): Promise<void> {
  if (outcome.result) await writeVerifySummary(outcome.result, report.expectVersion, summary);
  else await writeFailureSummary('verify-endpoints', 'Checking the endpoints', outcome.error, summary);
}
