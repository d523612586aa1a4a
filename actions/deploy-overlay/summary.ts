import { formatDuration } from '../../shared/duration.ts';
import { Summary, type Cell } from '../../shared/summary.ts';
import type { ObjectResult } from './apply.ts';
import { text } from './objects.ts';
import type { DeployReport } from './deploy.ts';

/** The `applied` output: every object with its result (and rollout, for workloads). */
export function appliedList(report: DeployReport): Record<string, unknown>[] {
  return report.objects.map((o: ObjectResult) => {
    const rollout = report.rollouts.find((r) => r.kind === o.kind && r.name === o.name && o.namespace === report.namespace);
    return { ...o, ...(rollout ? { rollout: rollout.state, rolloutSeconds: Math.round(rollout.seconds * 1000) / 1000, rolloutAt: rollout.at } : {}) };
  });
}

/** The action's outputs, by output name (mirrors action.yml). */
export function toOutputs(report: DeployReport): Record<string, string | undefined> {
  return {
    namespace: report.namespace,
    applied: JSON.stringify(appliedList(report)),
    url: report.url,
    changed: String(report.changed),
    'deployment-id': report.deploymentId === undefined ? undefined : String(report.deploymentId),
  };
}

/** Writes the job summary: what was applied, the rollouts and their times, and any diagnosis. */
export async function writeDeploySummary(report: DeployReport, summary = new Summary()): Promise<void> {
  const mode = report.dryRun === 'false' ? '' : ` (dry run: ${report.dryRun})`;
  summary.heading(`deploy-overlay: ${report.branch} → ${report.namespace}${mode}`, 3);
  const status = report.failure ? `Failed: ${report.failure.message.split('\n')[0] ?? ''}` : report.dryRun !== 'false' ? 'Nothing was changed.' : report.changed ? 'Deployed.' : 'Deployed; nothing changed.';
  summary.paragraph(`${status}${report.url ? `\nEnvironment: ${report.url}` : ''}\nTook ${formatDuration(report.timings.totalMs)} (render ${formatDuration(report.timings.renderMs)}, apply ${formatDuration(report.timings.applyMs)}, wait ${formatDuration(report.timings.waitMs)}).`);
  const rows: Cell[][] = appliedList(report).map((o) => [String(o['kind']), String(o['name']), String(o['result']), o['rollout'] === undefined ? '' : `${text(o['rollout'])} (${formatDuration(Number(o['rolloutSeconds']) * 1000)})`]);
  summary.table(['Kind', 'Name', 'Result', 'Rollout'], rows);
  for (const [workload, lines] of report.diagnosis) summary.details(`Why ${workload} is not ready`, lines.join('\n'));
  if (report.failure) summary.details('Error', report.failure.describe());
  await summary.write();
}
