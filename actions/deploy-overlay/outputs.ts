// deploy-overlay's outputs, by the names in action.yml.
import type { ObjectResult } from './apply.ts';
import { rolloutOf, type DeployReport } from './report.ts';

/** The `applied` output: every object with its result (and rollout, for workloads). */
export function appliedList(report: DeployReport): Record<string, unknown>[] {
  return report.objects.map((o: ObjectResult) => {
    const rollout = rolloutOf(report, o);
    return { ...o, ...(rollout ? { rollout: rollout.state, rolloutSeconds: Math.round(rollout.seconds * 1000) / 1000, rolloutAt: rollout.at } : {}) };
  });
}

/**
 * The action's outputs, by output name (mirrors action.yml). A failed deploy (an object or a
 * rollout failed) sets none, so a later step cannot take a half-applied namespace for a deployed one.
 */
export function toOutputs(report: DeployReport): Record<string, string | undefined> {
  if (report.failure) return {};
  return {
    namespace: report.namespace,
    applied: JSON.stringify(appliedList(report)),
    url: report.url,
    changed: String(report.changed),
    'deployment-id': report.deploymentId === undefined ? undefined : String(report.deploymentId),
  };
}
