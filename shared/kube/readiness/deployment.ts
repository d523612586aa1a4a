// apps/Deployment, as `kubectl rollout status` judges it (k8s.io/kubectl/pkg/polymorphichelpers/
// rollout_status.go, DeploymentStatusViewer), except on purpose: a paused Deployment is not
// waited for (it does not roll out, so waiting could only time out).
import type { KubeObject } from '../client.ts';
import { conditionOf, num, unobserved } from './fields.ts';
import { at, text } from '../../core/json.ts';
import type { Readiness, ReadinessRule } from './rule.ts';
import { selects } from './selector.ts';

function readiness(obj: KubeObject): Readiness {
  const name = obj.metadata?.name ?? '';
  if (at(obj, 'spec.paused') === true) return { done: true, message: 'paused (not waited for)' };
  const pending = unobserved(obj);
  if (pending) return pending;
  const progressing = conditionOf(obj, 'Progressing');
  if (progressing?.['reason'] === 'ProgressDeadlineExceeded') {
    return { done: false, failed: `deployment "${name}" exceeded its progress deadline`, message: text(progressing['message'], 'progress deadline exceeded') };
  }
  // The API server always sets spec.replicas; like kubectl, an absent one is not compared.
  const wanted = at(obj, 'spec.replicas');
  const replicas = num(at(obj, 'status.replicas'));
  const updated = num(at(obj, 'status.updatedReplicas'));
  const available = num(at(obj, 'status.availableReplicas'));
  if (typeof wanted === 'number' && updated < wanted) return { done: false, message: `${updated} out of ${wanted} new replicas have been updated` };
  if (replicas > updated) return { done: false, message: `${replicas - updated} old replicas are pending termination` };
  if (available < updated) return { done: false, message: `${available} of ${updated} updated replicas are available` };
  return { done: true, message: `successfully rolled out (${available}/${typeof wanted === 'number' ? wanted : updated} available)` };
}

function images(podSpec: unknown): string {
  const list = at(podSpec, 'containers');
  return (Array.isArray(list) ? list : []).map((c) => text(at(c, 'image'))).join(',');
}

export const deployment: ReadinessRule = {
  group: 'apps',
  kind: 'Deployment',
  readiness,
  // Its pods come through ReplicaSets: a pod of the current rollout is selected and runs the template's images (old ReplicaSets' pods do not count).
  isCurrentPod: (obj, pod) => selects(at(obj, 'spec.selector'), pod.metadata?.labels ?? {}) && images(at(obj, 'spec.template.spec')) === images(pod['spec']),
  alsoOwns: (obj, pod) => selects(at(obj, 'spec.selector'), pod.metadata?.labels ?? {}),
  olderPodsLeaving: (obj) => Number(at(obj, 'status.replicas') ?? 0) > Number(at(obj, 'status.updatedReplicas') ?? 0),
};
