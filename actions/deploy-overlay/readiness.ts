// kubectl's readiness rules (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go) for
// Deployments, StatefulSets and DaemonSets, and `kubectl wait --for=condition=complete` for
// Jobs. Pure functions over the object as the server reports it; also which pods belong to a
// workload's current rollout. Where the suite decides differently from kubectl on purpose
// (paused Deployments, OnDelete workloads), the function says so and the README lists it.
import type { KubeObject } from '../../shared/kube/client.ts';
import { at, text } from './objects.ts';
import { isRecord } from '../../shared/core/json.ts';

/** Where a workload's rollout stands. */
export interface Readiness {
  done: boolean;
  /** Set when the rollout failed for good (kubectl gives up too). */
  failed?: string;
  /** kubectl's words for the state. */
  message: string;
}

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function conditionOf(obj: KubeObject, type: string): Record<string, unknown> | undefined {
  const list = at(obj, 'status.conditions');
  return (Array.isArray(list) ? list : []).find((c): c is Record<string, unknown> => isRecord(c) && c['type'] === type);
}

function observed(obj: KubeObject): Readiness | undefined {
  const generation = obj.metadata?.generation ?? 0;
  const seen = num(at(obj, 'status.observedGeneration'), -1);
  return generation <= seen ? undefined : { done: false, message: `waiting for the controller to observe generation ${generation}` };
}

function deployment(obj: KubeObject): Readiness {
  const name = obj.metadata?.name ?? '';
  // Differs from kubectl on purpose: a paused Deployment does not roll out, so waiting would only time out.
  if (at(obj, 'spec.paused') === true) return { done: true, message: 'paused (not waited for)' };
  const pending = observed(obj);
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

function statefulSet(obj: KubeObject): Readiness {
  const onDelete = at(obj, 'spec.updateStrategy.type') === 'OnDelete';
  // kubectl also requires a non-zero observedGeneration here.
  const seen = num(at(obj, 'status.observedGeneration'));
  if (seen === 0 || (obj.metadata?.generation ?? 0) > seen)
    return { done: false, message: `waiting for the controller to observe generation ${obj.metadata?.generation ?? 0}` };
  const wanted = at(obj, 'spec.replicas');
  const ready = num(at(obj, 'status.readyReplicas'));
  if (typeof wanted === 'number' && ready < wanted) return { done: false, message: `${ready} of ${wanted} pods are ready` };
  // Differs from kubectl on purpose: kubectl reports OnDelete done at once; the suite waits for ready pods.
  if (onDelete) return { done: true, message: `${ready} pods ready (OnDelete: pods update when deleted)` };
  // As kubectl: with rollingUpdate set (the API server defaults partition 0), the partition decides; revisions are not compared.
  const rolling = at(obj, 'spec.updateStrategy.rollingUpdate');
  if (isRecord(rolling)) {
    const partition = rolling['partition'];
    const updated = num(at(obj, 'status.updatedReplicas'));
    if (typeof wanted === 'number' && typeof partition === 'number' && updated < wanted - partition) {
      return { done: false, message: `${updated} of ${wanted - partition} pods updated${partition > 0 ? ` (partition ${partition})` : ''}` };
    }
    return { done: true, message: `partitioned roll out complete: ${updated} new pods` };
  }
  const current = at(obj, 'status.currentRevision');
  const update = at(obj, 'status.updateRevision');
  if (current !== update)
    return { done: false, message: `waiting for the rolling update to complete: ${num(at(obj, 'status.updatedReplicas'))} pods at revision ${text(update)}` };
  return { done: true, message: `rolling update complete: ${ready} pods at revision ${text(update)}` };
}

function daemonSet(obj: KubeObject): Readiness {
  const pending = observed(obj);
  if (pending) return pending;
  const wanted = num(at(obj, 'status.desiredNumberScheduled'));
  const updated = num(at(obj, 'status.updatedNumberScheduled'));
  const available = num(at(obj, 'status.numberAvailable'));
  if (at(obj, 'spec.updateStrategy.type') === 'OnDelete') return { done: true, message: 'OnDelete: pods update when deleted' };
  if (updated < wanted) return { done: false, message: `${updated} out of ${wanted} new pods have been updated` };
  if (available < wanted) return { done: false, message: `${available} of ${updated} updated pods are available` };
  return { done: true, message: `successfully rolled out (${available} pods)` };
}

function job(obj: KubeObject): Readiness {
  if (at(obj, 'spec.suspend') === true) return { done: true, message: 'suspended (not waited for)' };
  const failed = conditionOf(obj, 'Failed');
  if (failed?.['status'] === 'True') {
    return {
      done: false,
      failed: `job "${obj.metadata?.name ?? ''}" failed: ${text(failed['reason'], '')} ${text(failed['message'], '')}`.trim(),
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

/** The rollout state of a Deployment, StatefulSet, DaemonSet or Job. */
export function readiness(obj: KubeObject): Readiness {
  switch (obj.kind) {
    case 'Deployment':
      return deployment(obj);
    case 'StatefulSet':
      return statefulSet(obj);
    case 'DaemonSet':
      return daemonSet(obj);
    case 'Job':
      return job(obj);
    default:
      return { done: true, message: 'not a workload' };
  }
}

function images(spec: unknown): string {
  const list = isRecord(spec) ? spec['containers'] : undefined;
  return (Array.isArray(list) ? list : []).map((c) => text(at(c, 'image'), '')).join(',');
}

function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector['matchLabels']) ? selector['matchLabels'] : {};
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  const expressions = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : [];
  return expressions.every((e) => {
    const key = text(at(e, 'key'), '');
    const values = at(e, 'values');
    const list = Array.isArray(values) ? values.map(String) : [];
    switch (at(e, 'operator')) {
      case 'In':
        return key in labels && list.includes(labels[key] ?? '');
      case 'NotIn':
        return !(key in labels) || !list.includes(labels[key] ?? '');
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
}

/**
 * Whether a pod belongs to the workload's current rollout: a Job's or a StatefulSet's or
 * DaemonSet's own pod (owner uid; a StatefulSet pod also at the update revision), a Deployment's
 * pod when its selector matches and it runs the template's images (old ReplicaSets' pods do not count).
 */
export function isCurrentPod(workload: KubeObject, pod: KubeObject): boolean {
  const owners = pod.metadata?.ownerReferences ?? [];
  const uid = workload.metadata?.uid;
  const labels = pod.metadata?.labels ?? {};
  switch (workload.kind) {
    case 'Job':
      return owners.some((o) => o.uid === uid) || labels['job-name'] === workload.metadata?.name;
    case 'StatefulSet': {
      const revision = at(workload, 'status.updateRevision');
      return owners.some((o) => o.uid === uid) && (typeof revision !== 'string' || labels['controller-revision-hash'] === revision);
    }
    case 'DaemonSet':
      return owners.some((o) => o.uid === uid);
    case 'Deployment':
      return matchesSelector(at(workload, 'spec.selector'), labels) && images(at(workload, 'spec.template.spec')) === images(pod['spec']);
    default:
      return false;
  }
}

/** Whether a pod belongs to the workload at all (current or older rollouts), for diagnosis. */
export function belongsTo(workload: KubeObject, pod: KubeObject): boolean {
  const uid = workload.metadata?.uid;
  if ((pod.metadata?.ownerReferences ?? []).some((o) => o.uid === uid)) return true;
  return workload.kind === 'Deployment' && matchesSelector(at(workload, 'spec.selector'), pod.metadata?.labels ?? {});
}
