// deploy-overlay's job summary: the verdict first, the workloads, the other objects counted, the
// diagnosis folded; a run that failed before it had a report says why and how to fix it.
import type { Outcome } from '../../shared/core/action.ts';
import { formatDuration } from '../../shared/core/duration.ts';
import { isUserError } from '../../shared/core/errors.ts';
import { Summary, writeFailureSummary, type Cell } from '../../shared/core/summary.ts';
import { kindCountsText, type Failure, type Result, type Verdict } from '../../shared/core/verdict.ts';
import type { ObjectOutcome } from './apply.ts';
import { rolloutOf, type DeployReport } from './report.ts';
import type { RolloutResult } from './wait.ts';

/** An object's result in the suite's vocabulary (a dry run's `would-…` changed nothing: skipped). */
const RESULT: Record<ObjectOutcome, Result> = {
  created: 'created',
  configured: 'changed',
  replaced: 'changed',
  unchanged: 'unchanged',
  pruned: 'removed',
  failed: 'failed',
  planned: 'skipped',
  'would-create': 'skipped',
  'would-configure': 'skipped',
  'would-replace': 'skipped',
  'would-prune': 'skipped',
};

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

const ROLLOUT_WORDS: Record<RolloutResult['state'], string> = { ready: '✅ ready', failed: '❌ failed', timeout: '❌ timed out', stopped: '➖ not waited for' };
const SLOW_FIX = 'fix the image or configuration and push again, or raise `timeout` if the rollout is only slow';

/** Each failure in one line: failed rollouts (their message already names the pod, the cluster's words and the fix), failed objects, else the error. */
export function deployFailures(report: DeployReport): Failure[] {
  const failures: Failure[] = [];
  for (const r of report.rollouts.filter((x) => x.state === 'failed' || x.state === 'timeout')) {
    failures.push({ object: `${r.kind}/${r.name}`, reason: r.message, ...(/ Fix: /.test(r.message) ? {} : { fix: SLOW_FIX }) });
  }
  for (const o of report.objects.filter((x) => x.result === 'failed')) failures.push({ object: `${o.kind}/${o.name}`, reason: o.error ?? 'the apply failed' });
  if (failures.length === 0 && report.failure) {
    failures.push({
      object: report.namespace,
      reason: report.failure.message.split('\n').join(' '),
      ...(report.failure.fix ? { fix: report.failure.fix } : {}),
    });
  }
  return failures;
}

/** The first line: what was done, with the mark and the time. */
export function deployVerdict(report: DeployReport): Verdict {
  const workloads = report.objects.filter((o) => WORKLOAD_KINDS.has(o.kind) && o.namespace === report.namespace);
  const ready = report.rollouts.filter((r) => r.state === 'ready').length;
  const where = `${report.branch} to ${report.namespace}`;
  const base = { action: 'deploy-overlay', ms: report.timings.totalMs };
  if (report.failure) {
    const failures = deployFailures(report);
    const notReady = report.rollouts.filter((r) => r.state === 'failed' || r.state === 'timeout').length;
    const what = notReady > 0 ? `${notReady} of ${report.rollouts.length} workload(s) not ready` : `${failures.length} failure(s)`;
    return { ...base, status: 'failure', text: `Deploy of ${where} failed, ${what}`, failures };
  }
  if (report.dryRun !== 'false')
    return { ...base, status: 'unchanged', text: `Dry run (${report.dryRun}) of ${where}, nothing was changed: ${report.objects.length} object(s) checked` };
  const readyText = workloads.length > 0 ? `, ${ready} of ${workloads.length} workload(s) ready` : '';
  if (!report.changed) return { ...base, status: 'unchanged', text: `Re-deployed ${where}, nothing changed${readyText}` };
  return { ...base, status: 'success', text: `Deployed ${where}${readyText}` };
}

/** Writes the job summary: the verdict and failures, the workloads, other objects counted (full list folded), the diagnosis folded. */
export async function writeDeploySummary(report: DeployReport, summary = new Summary()): Promise<void> {
  const verdict = deployVerdict(report);
  summary.verdict(verdict);
  if (report.url) summary.paragraph(`Environment: ${report.url}`);
  const workloads = report.objects.filter((o) => WORKLOAD_KINDS.has(o.kind) && o.namespace === report.namespace);
  const others = report.objects.filter((o) => !workloads.includes(o));
  if (workloads.length > 0 && verdict.status !== 'unchanged') {
    summary.table(
      ['Workload', 'Result', 'Rollout', 'Time'],
      workloads.map((o): Cell[] => {
        const r = rolloutOf(report, o);
        return [`${o.kind}/${o.name}`, RESULT[o.result], r ? ROLLOUT_WORDS[r.state] : '', r ? formatDuration(r.seconds * 1000) : ''];
      }),
    );
  }
  if (others.length > 0) summary.paragraph(`Other objects: ${kindCountsText(others.map((o) => ({ kind: o.kind, result: RESULT[o.result] })))}.`);
  if (report.objects.length > 0) {
    summary.foldedTable(
      `All ${report.objects.length} object(s)`,
      ['Kind', 'Name', 'Result', 'Details'],
      report.objects.map((o) => [
        o.kind,
        o.name,
        RESULT[o.result],
        o.result === RESULT[o.result] ? (o.error ?? '') : [o.result, o.error].filter(Boolean).join(': '),
      ]),
    );
  }
  for (const [workload, lines] of report.diagnosis) summary.details(`Diagnosis of ${workload}: pods, events, logs`, lines.join('\n'));
  const t = report.timings;
  summary.paragraph(
    `Times: render ${formatDuration(t.renderMs)}, apply ${formatDuration(t.applyMs)}, prune ${formatDuration(t.pruneMs)}, wait ${formatDuration(t.waitMs)}, total ${formatDuration(t.totalMs)}.`,
  );
  await summary.write();
}

/**
 * The job summary of a run: the deploy's (also when a rollout failed, or when an error stopped a
 * run that had already applied objects: what it did, and the error); a run stopped before it
 * applied anything shows the error with its fix.
 */
export async function writeSummary(report: DeployReport, outcome: Outcome<DeployReport>, summary = new Summary()): Promise<void> {
  if (outcome.result) await writeDeploySummary(outcome.result, summary);
  else if (report.objects.length > 0 && isUserError(outcome.error)) await writeDeploySummary({ ...report, failure: outcome.error }, summary);
  else await writeFailureSummary('deploy-overlay', report.namespace || 'Deploying the overlays', outcome.error, summary);
}
