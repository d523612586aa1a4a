// apps/StatefulSet, as `kubectl rollout status` judges it (StatefulSetStatusViewer), except on
// purpose: an OnDelete StatefulSet is waited for until its pods are ready (kubectl reports it done
// at once, which would call a StatefulSet whose pods never started ready).
import type { KubeObject } from '../client.ts';
import { isRecord } from '../../core/json.ts';
import { num, ownsByUid } from './fields.ts';
import { at, text } from '../../core/json.ts';
import type { Readiness, ReadinessRule } from './rule.ts';

function readiness(obj: KubeObject): Readiness {
  // kubectl also requires a non-zero observedGeneration here.
  const seen = num(at(obj, 'status.observedGeneration'));
  if (seen === 0 || (obj.metadata?.generation ?? 0) > seen)
    return { done: false, message: `waiting for the controller to observe generation ${obj.metadata?.generation ?? 0}` };
  const wanted = at(obj, 'spec.replicas');
  const ready = num(at(obj, 'status.readyReplicas'));
  const updated = num(at(obj, 'status.updatedReplicas'));
  if (typeof wanted === 'number' && ready < wanted) return { done: false, message: `${ready} of ${wanted} pods are ready` };
  if (at(obj, 'spec.updateStrategy.type') === 'OnDelete') return { done: true, message: `${ready} pods ready (OnDelete: pods update when deleted)` };
  // As kubectl: with rollingUpdate set (the API server defaults partition 0), the partition decides; revisions are not compared.
  const rolling = at(obj, 'spec.updateStrategy.rollingUpdate');
  if (isRecord(rolling)) {
    const partition = rolling['partition'];
    if (typeof wanted === 'number' && typeof partition === 'number' && updated < wanted - partition) {
      return { done: false, message: `${updated} of ${wanted - partition} pods updated${partition > 0 ? ` (partition ${partition})` : ''}` };
    }
    return { done: true, message: `partitioned roll out complete: ${updated} new pods` };
  }
  const update = at(obj, 'status.updateRevision');
  if (at(obj, 'status.currentRevision') !== update)
    return { done: false, message: `waiting for the rolling update to complete: ${updated} pods at revision ${text(update)}` };
  return { done: true, message: `rolling update complete: ${ready} pods at revision ${text(update)}` };
}

export const statefulSet: ReadinessRule = {
  group: 'apps',
  kind: 'StatefulSet',
  readiness,
  // Its own pods, at the update revision when the controller has named one.
  isCurrentPod: (obj, pod) => {
    const revision = at(obj, 'status.updateRevision');
    return ownsByUid(obj, pod) && (typeof revision !== 'string' || pod.metadata?.labels?.['controller-revision-hash'] === revision);
  },
};
