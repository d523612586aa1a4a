// The ReplicaSet and Deployment controllers. A Deployment owns one
// ReplicaSet per pod template (named by pod-template-hash); the new one is
// scaled up at once and old ones are scaled to zero once it is available
// (a simplified rolling update). Status and conditions follow what
// `kubectl rollout status` reads, including ProgressDeadlineExceeded.
import { recordEvent } from './events.ts';
import { createPod } from './admission.ts';
import { newReplicaSetSize, oldReplicaSetSizes, strategyOf } from './rollout.ts';
import { controllerRef, randomSuffix, shortHash, type Kit } from './kit.ts';
import { clone, deepEqual, dropZeros, getPath, isRecord, num, str, timestamp, type KubeObject } from './types.ts';

function isReady(pod: KubeObject): boolean {
  const conditions = getPath(pod, 'status.conditions');
  return Array.isArray(conditions) && conditions.some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

/** Pods owned by a workload that are not being deleted. */
export function livePods(kit: Kit, owner: KubeObject): KubeObject[] {
  return kit.owned('pods', owner).filter((p) => !p.metadata.deletionTimestamp);
}

export function readyCount(pods: KubeObject[]): number {
  return pods.filter(isReady).length;
}

/** A pod from a workload's template. */
export function podFromTemplate(owner: KubeObject, name: string, extraLabels: Record<string, string> = {}): KubeObject {
  const template = getPath(owner, 'spec.template');
  const meta = isRecord(template) && isRecord(template.metadata) ? template.metadata : {};
  const labels = { ...(isRecord(meta.labels) ? (meta.labels as Record<string, string>) : {}), ...extraLabels };
  const annotations = isRecord(meta.annotations) ? (meta.annotations as Record<string, string>) : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: owner.metadata.namespace, labels, ...(annotations ? { annotations } : {}), ownerReferences: [controllerRef(owner)] },
    spec: clone(isRecord(template) && isRecord(template.spec) ? template.spec : {}),
  };
}

export function reconcileReplicaSet(kit: Kit, rs: KubeObject): void {
  const desired = num(getPath(rs, 'spec.replicas'), 1);
  let pods = livePods(kit, rs);
  let failure: string | undefined;
  if (pods.length < desired && kit.namespaceActive(rs.metadata.namespace)) {
    for (let i = pods.length; i < desired; i += 1) {
      const name = rs.metadata.name ?? '';
      const made = createPod(kit, rs, podFromTemplate(rs, `${name}-${randomSuffix()}`), 'replicasets.apps', `${name}-`);
      // As the controller's slow start does: the first refusal ends this round.
      if ('error' in made) {
        failure = made.error;
        break;
      }
      recordEvent(kit.store, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${made.pod.metadata.name ?? ''}`, 'replicaset-controller');
    }
  } else if (pods.length > desired) {
    const order = [...pods].sort((a, b) => Number(isReady(a)) - Number(isReady(b)));
    for (const pod of order.slice(0, pods.length - desired)) {
      kit.remove('pods', pod);
      recordEvent(kit.store, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`, 'replicaset-controller');
    }
  }
  pods = livePods(kit, rs);
  const ready = readyCount(pods);
  const next = clone(rs);
  const status: Record<string, unknown> = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (ready === 0) {
    delete status.readyReplicas;
    delete status.availableReplicas;
  }
  const previous = conditionOf(rs.status, 'ReplicaFailure');
  if (failure !== undefined) {
    status.conditions = [
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: str(previous?.lastTransitionTime) ?? timestamp(),
        reason: 'FailedCreate',
        message: failure,
      },
    ];
  } else if (previous && pods.length < desired) {
    status.conditions = [previous];
  }
  next.status = status;
  kit.writeIfChanged('replicasets.apps', rs, next);
}

function conditionOf(status: unknown, type: string): Record<string, unknown> | undefined {
  const list = getPath(status, 'conditions');
  return (Array.isArray(list) ? list : []).find((c): c is Record<string, unknown> => isRecord(c) && c.type === type);
}

/** A condition that keeps its timestamps while nothing about it changes. */
function carry(previous: Record<string, unknown> | undefined, type: string, ok: boolean, reason: string, message: string): Record<string, unknown> {
  const now = timestamp();
  const status = ok ? 'True' : 'False';
  const same = previous?.status === status;
  const unchanged = same && previous?.reason === reason && previous.message === message;
  return {
    type,
    status,
    lastUpdateTime: unchanged ? previous.lastUpdateTime : now,
    lastTransitionTime: same ? previous.lastTransitionTime : now,
    reason,
    message,
  };
}

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** Deployment annotations the controller does not copy to its ReplicaSets (deployment/util). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
]);

export function revisionOf(obj: KubeObject): number {
  return Number(obj.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** A copy without null values: the controller compares Go structs, where `creationTimestamp: null` is no value at all. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** A ReplicaSet's pod template without the pod-template-hash label, to compare with a Deployment's. */
function templateWithoutHash(rs: KubeObject): unknown {
  const template = withoutNulls(getPath(rs, 'spec.template'));
  const labels = getPath(template, 'metadata.labels');
  if (isRecord(labels)) {
    delete labels['pod-template-hash'];
    if (Object.keys(labels).length === 0 && isRecord(template) && isRecord(template.metadata)) delete template.metadata.labels;
  }
  return template;
}

function copiedAnnotations(deployment: KubeObject): Record<string, string> {
  return Object.fromEntries(Object.entries(deployment.metadata.annotations ?? {}).filter(([k]) => !NOT_COPIED.has(k)));
}

/** The ReplicaSet of the Deployment's current template: by its hash, else (a rollback sends the old template back, spelled differently) by equal content. */
function findNewReplicaSet(deployment: KubeObject, owned: readonly KubeObject[]): KubeObject | undefined {
  const template = getPath(deployment, 'spec.template');
  const hash = shortHash(template);
  return (
    owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash) ?? owned.find((rs) => deepEqual(templateWithoutHash(rs), withoutNulls(template)))
  );
}

/**
 * Ensures the ReplicaSet of the current template exists, at the size this sync allows (rollout.ts), with the next
 * revision: an older ReplicaSet whose template matches again (a rollback) is scaled back up and
 * takes the next revision number, its old one kept in revision-history, as the controller does.
 */
function ensureNewReplicaSet(kit: Kit, deployment: KubeObject, desired: number, owned: KubeObject[]): KubeObject | undefined {
  const name = deployment.metadata.name ?? '';
  const template = getPath(deployment, 'spec.template');
  const hash = shortHash(template);
  const existing = findNewReplicaSet(deployment, owned);
  // This sync's size: within maxSurge of a rolling update, 0 while a Recreate still has old pods.
  const strategy = strategyOf(deployment, desired);
  const others = owned.filter((rs) => rs !== existing);
  const size = newReplicaSetSize(strategy, desired, existing ? num(getPath(existing, 'spec.replicas'), 1) : 0, others);
  const maxReplicas = String(desired + strategy.surge);
  const maxOld = Math.max(0, ...owned.filter((rs) => rs !== existing).map(revisionOf));
  if (existing) {
    const current = num(getPath(existing, 'spec.replicas'), 1);
    const next = clone(existing);
    const annotations = { ...(existing.metadata.annotations ?? {}), ...copiedAnnotations(deployment) };
    if (revisionOf(existing) <= maxOld) {
      const history = [annotations[REVISION_HISTORY], annotations[REVISION]].filter((v) => v !== undefined && v !== '');
      annotations[REVISION_HISTORY] = history.join(',');
      annotations[REVISION] = String(maxOld + 1);
    }
    annotations['deployment.kubernetes.io/desired-replicas'] = String(desired);
    annotations['deployment.kubernetes.io/max-replicas'] = maxReplicas;
    next.metadata.annotations = annotations;
    next.spec = { ...(isRecord(existing.spec) ? existing.spec : {}), replicas: size };
    if (current !== size)
      recordEvent(
        kit.store,
        deployment,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${size > current ? 'up' : 'down'} replica set ${existing.metadata.name ?? ''} from ${current} to ${size}`,
        'deployment-controller',
      );
    return kit.writeIfChanged('replicasets.apps', existing, next);
  }
  if (!kit.namespaceActive(deployment.metadata.namespace)) return undefined;
  const podTemplate = clone(template) as Record<string, unknown>;
  const tmeta = isRecord(podTemplate.metadata) ? podTemplate.metadata : {};
  const labels = { ...(isRecord(tmeta.labels) ? (tmeta.labels as Record<string, string>) : {}), 'pod-template-hash': hash };
  podTemplate.metadata = { ...tmeta, labels };
  const selector = getPath(deployment, 'spec.selector');
  const matchLabels = isRecord(selector) && isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`,
      namespace: deployment.metadata.namespace,
      labels,
      annotations: {
        ...copiedAnnotations(deployment),
        'deployment.kubernetes.io/desired-replicas': String(desired),
        'deployment.kubernetes.io/max-replicas': maxReplicas,
        [REVISION]: String(maxOld + 1),
      },
      ownerReferences: [controllerRef(deployment)],
    },
    spec: {
      replicas: size,
      selector: { ...(isRecord(selector) ? selector : {}), matchLabels: { ...matchLabels, 'pod-template-hash': hash } },
      template: podTemplate,
    },
  };
  const created = kit.createChild('replicasets.apps', rs);
  if (size > 0) {
    recordEvent(
      kit.store,
      deployment,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name ?? ''} from 0 to ${size}`,
      'deployment-controller',
    );
  }
  return created;
}

/** A paused Deployment: no ReplicaSet is created or scaled; the status says so (Progressing Unknown, DeploymentPaused). */
function reportPaused(kit: Kit, deployment: KubeObject, owned: KubeObject[]): void {
  const template = getPath(deployment, 'spec.template');
  const current =
    owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === shortHash(template)) ??
    owned.find((rs) => deepEqual(templateWithoutHash(rs), withoutNulls(template)));
  const stat = (rs: KubeObject | undefined, field: string): number => (rs ? num(getPath(rs, `status.${field}`), 0) : 0);
  const sum = (field: string): number => owned.reduce((n, rs) => n + stat(rs, field), 0);
  const previous = isRecord(deployment.status) ? deployment.status : {};
  const status: Record<string, unknown> = {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas: sum('replicas'),
    updatedReplicas: stat(current, 'replicas'),
    readyReplicas: sum('readyReplicas'),
    availableReplicas: sum('availableReplicas'),
    unavailableReplicas: Math.max(0, sum('replicas') - sum('availableReplicas')),
    conditions: [
      ...(conditionOf(previous, 'Available') ? [conditionOf(previous, 'Available')] : []),
      { ...carry(conditionOf(previous, 'Progressing'), 'Progressing', false, 'DeploymentPaused', 'Deployment is paused'), status: 'Unknown' },
    ],
  };
  dropZeros(status, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']);
  const next = clone(deployment);
  next.status = status;
  kit.writeIfChanged('deployments.apps', deployment, next);
}

export function reconcileDeployment(kit: Kit, deployment: KubeObject): void {
  const desired = num(getPath(deployment, 'spec.replicas'), 1);
  const owned = kit.owned('replicasets.apps', deployment);
  if (getPath(deployment, 'spec.paused') === true) return reportPaused(kit, deployment, owned);
  const newRs = ensureNewReplicaSet(kit, deployment, desired, owned);
  if (!newRs) return;
  const hash = newRs.metadata.labels?.['pod-template-hash'] ?? '';
  const newName = newRs.metadata.name ?? '';
  const oldRs = owned.filter((rs) => rs.metadata.uid !== newRs.metadata.uid);
  const stat = (rs: KubeObject, field: string): number => num(getPath(rs, `status.${field}`), 0);
  const newAvailable = stat(newRs, 'availableReplicas');
  // The old ReplicaSets shrink as far as maxUnavailable allows (all at once for Recreate).
  const sizes = oldReplicaSetSizes(strategyOf(deployment, desired), desired, newRs, oldRs);
  for (const rs of oldRs) {
    const size = sizes.get(rs.metadata.uid ?? '');
    if (size === undefined) continue;
    const replicas = num(getPath(rs, 'spec.replicas'), 1);
    const next = clone(rs);
    next.spec = { ...(isRecord(rs.spec) ? rs.spec : {}), replicas: size };
    kit.writeIfChanged('replicasets.apps', rs, next);
    recordEvent(
      kit.store,
      deployment,
      'Normal',
      'ScalingReplicaSet',
      `Scaled down replica set ${rs.metadata.name ?? ''} from ${replicas} to ${size}`,
      'deployment-controller',
    );
  }
  const all = [newRs, ...oldRs];
  const sum = (field: string): number => all.reduce((n, rs) => n + stat(rs, field), 0);
  const replicas = sum('replicas');
  const updated = stat(newRs, 'replicas');
  const available = sum('availableReplicas');
  const complete = updated === desired && replicas === desired && available === desired && newAvailable === desired;

  // Progress: the deadline counts from the last time the new ReplicaSet gained available pods.
  const progressKey = `deployment-progress:${deployment.metadata.uid ?? ''}:${hash}`;
  const seenKey = `${progressKey}:available`;
  if (!kit.marks.has(progressKey) || (kit.marks.get(seenKey) ?? -1) < newAvailable) kit.marks.set(progressKey, Date.now());
  kit.marks.set(seenKey, newAvailable);
  const deadlineMs = num(getPath(deployment, 'spec.progressDeadlineSeconds'), 600) * 1000 * kit.options.progressDeadlineScale;
  const elapsed = Date.now() - (kit.marks.get(progressKey) ?? Date.now());

  const previous = isRecord(deployment.status) ? deployment.status : {};
  // deploymentutil.MaxUnavailable: 0 for Recreate, never more than replicas.
  const maxUnavailable = Math.min(desired, strategyOf(deployment, desired).unavailable);
  const availableCondition =
    available >= desired - maxUnavailable
      ? carry(conditionOf(previous, 'Available'), 'Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : carry(conditionOf(previous, 'Available'), 'Available', false, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
  const prevProgress = conditionOf(previous, 'Progressing');
  // As DeploymentTimedOut does: a finished rollout of this ReplicaSet never times out (a scale-up, a lost pod).
  const settled = prevProgress?.reason === 'NewReplicaSetAvailable' && str(prevProgress.message)?.includes(`"${newName}"`) === true;
  let progressing: Record<string, unknown>;
  if (complete) progressing = carry(prevProgress, 'Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${newName}" has successfully progressed.`);
  else if (settled && prevProgress) progressing = prevProgress;
  else if (elapsed >= deadlineMs)
    progressing = carry(prevProgress, 'Progressing', false, 'ProgressDeadlineExceeded', `ReplicaSet "${newName}" has timed out progressing.`);
  else if (str(prevProgress?.message)?.includes(newName))
    progressing = carry(prevProgress, 'Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${newName}" is progressing.`);
  else progressing = carry(prevProgress, 'Progressing', true, 'NewReplicaSetCreated', `Created new replica set "${newName}"`);
  if (!complete && !settled && elapsed < deadlineMs)
    kit.after(deadlineMs - elapsed + 1, 'deployments.apps', deployment.metadata.namespace, deployment.metadata.name ?? '');

  const status: Record<string, unknown> = {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicas - available),
    conditions: [availableCondition, progressing],
  };
  // The ReplicaSets' failure to create pods shows on the Deployment too (syncRolloutStatus).
  const replicaFailure = all.map((rs) => conditionOf(rs.status, 'ReplicaFailure')).find((c) => c?.status === 'True');
  if (replicaFailure) (status.conditions as unknown[]).push(replicaFailure);
  dropZeros(status, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']);
  const next = clone(deployment);
  next.status = status;
  next.metadata.annotations = { ...(deployment.metadata.annotations ?? {}), [REVISION]: String(revisionOf(newRs)) };
  kit.writeIfChanged('deployments.apps', deployment, next);
  if (progressing.reason === 'ProgressDeadlineExceeded' && prevProgress?.reason !== 'ProgressDeadlineExceeded') {
    recordEvent(
      kit.store,
      deployment,
      'Warning',
      'ProgressDeadlineExceeded',
      `Deployment "${deployment.metadata.name ?? ''}" has timed out progressing.`,
      'deployment-controller',
    );
  }
}
