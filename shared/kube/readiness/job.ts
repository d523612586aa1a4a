// batch/Job, as `kubectl wait --for=condition=complete` judges it, and failed for good on its
// `Failed` condition. A suspended Job is not waited for.
import type { KubeObject } from '../client.ts';
import { conditionOf, num, ownsByUid } from './fields.ts';
import { at, text } from '../../core/json.ts';
import type { Readiness, ReadinessRule } from './rule.ts';

function readiness(obj: KubeObject): Readiness {
  if (at(obj, 'spec.suspend') === true) return { done: true, message: 'suspended (not waited for)' };
  const failed = conditionOf(obj, 'Failed');
  if (failed?.['status'] === 'True') {
    return {
      done: false,
      failed: `job "${obj.metadata?.name ?? ''}" failed: ${text(failed['reason'])} ${text(failed['message'])}`.trim(),
      message: text(failed['message'], 'failed'),
    };
  }
  if (conditionOf(obj, 'Complete')?.['status'] === 'True') return { done: true, message: `complete (${num(at(obj, 'status.succeeded'))} succeeded)` };
  const completions = num(at(obj, 'spec.completions'), 1);
  return {
    done: false,
    message: `${num(at(obj, 'status.active'))} active, ${num(at(obj, 'status.succeeded'))} of ${completions} succeeded, ${num(at(obj, 'status.failed'))} failed`,
  };
}

export const job: ReadinessRule = {
  group: 'batch',
  kind: 'Job',
  readiness,
  // Its own pods, or (before the owner reference is seen) those labelled with its name.
  isCurrentPod: (obj, pod) => ownsByUid(obj, pod) || pod.metadata?.labels?.['job-name'] === obj.metadata?.name,
};
