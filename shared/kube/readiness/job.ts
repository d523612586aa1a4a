// batch/Job, as `kubectl wait --for=condition=complete` judges it, and failed for good on its
// `Failed` condition. A suspended Job is not waited for.
import type { KubeObject } from '../client.ts';
import { conditionOf, field, num, ownsByUid, str } from './fields.ts';
import type { Readiness, ReadinessRule } from './rule.ts';

function readiness(obj: KubeObject): Readiness {
  if (field(obj, 'spec.suspend') === true) return { done: true, message: 'suspended (not waited for)' };
  const failed = conditionOf(obj, 'Failed');
  if (failed?.['status'] === 'True') {
    return {
      done: false,
      failed: `job "${obj.metadata?.name ?? ''}" failed: ${str(failed['reason'])} ${str(failed['message'])}`.trim(),
      message: str(failed['message'], 'failed'),
    };
  }
  if (conditionOf(obj, 'Complete')?.['status'] === 'True') return { done: true, message: `complete (${num(field(obj, 'status.succeeded'))} succeeded)` };
  const completions = num(field(obj, 'spec.completions'), 1);
  return {
    done: false,
    message: `${num(field(obj, 'status.active'))} active, ${num(field(obj, 'status.succeeded'))} of ${completions} succeeded, ${num(field(obj, 'status.failed'))} failed`,
  };
}

export const job: ReadinessRule = {
  group: 'batch',
  kind: 'Job',
  readiness,
  // Its own pods, or (before the owner reference is seen) those labelled with its name.
  isCurrentPod: (obj, pod) => ownsByUid(obj, pod) || pod.metadata?.labels?.['job-name'] === obj.metadata?.name,
};
