// apps/DaemonSet, as `kubectl rollout status` judges it (DaemonSetStatusViewer), except on
// purpose: an OnDelete DaemonSet is waited for until its controller observed the new generation
// (kubectl reports it done at once).
import type { KubeObject } from '../client.ts';
import { num, ownsByUid, unobserved } from './fields.ts';
import { at } from '../../core/json.ts';
import type { Readiness, ReadinessRule } from './rule.ts';

function readiness(obj: KubeObject): Readiness {
  const pending = unobserved(obj);
  if (pending) return pending;
  const wanted = num(at(obj, 'status.desiredNumberScheduled'));
  const updated = num(at(obj, 'status.updatedNumberScheduled'));
  const available = num(at(obj, 'status.numberAvailable'));
  if (at(obj, 'spec.updateStrategy.type') === 'OnDelete') return { done: true, message: 'OnDelete: pods update when deleted' };
  if (updated < wanted) return { done: false, message: `${updated} out of ${wanted} new pods have been updated` };
  if (available < wanted) return { done: false, message: `${available} of ${updated} updated pods are available` };
  return { done: true, message: `successfully rolled out (${available} pods)` };
}

export const daemonSet: ReadinessRule = {
  group: 'apps',
  kind: 'DaemonSet',
  readiness,
  isCurrentPod: ownsByUid,
};
