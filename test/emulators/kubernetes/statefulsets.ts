// The StatefulSet and DaemonSet controllers. A StatefulSet keeps pods
// `{name}-{ordinal}` (and their PersistentVolumeClaims) labelled with the
// revision of their template and replaces outdated pods one at a time from
// the highest ordinal; a DaemonSet runs one pod on each node its nodeSelector allows.
import { createPod } from './admission.ts';
import { livePods, podFromTemplate, readyCount } from './deployments.ts';
import { recordEvent } from './events.ts';
import { controllerRef, randomSuffix, shortHash, type Kit } from './kit.ts';
import { clone, dropZeros, getPath, isRecord, num, str, type KubeObject } from './types.ts';

const REVISION = 'controller-revision-hash';

function ordinalOf(pod: KubeObject, setName: string): number {
  const name = pod.metadata.name ?? '';
  return name.startsWith(`${setName}-`) ? Number(name.slice(setName.length + 1)) : Number.NaN;
}

function isReady(pod: KubeObject): boolean {
  return readyCount([pod]) === 1;
}

/** PVCs of volumeClaimTemplates for one ordinal: `{claim}-{set}-{ordinal}`. */
function ensureClaims(kit: Kit, set: KubeObject, ordinal: number): void {
  const templates = getPath(set, 'spec.volumeClaimTemplates');
  for (const template of Array.isArray(templates) ? templates : []) {
    const claim = str(getPath(template, 'metadata.name'));
    if (!claim) continue;
    const name = `${claim}-${set.metadata.name ?? ''}-${ordinal}`;
    if (kit.store.get('persistentvolumeclaims', set.metadata.namespace, name)) continue;
    const labels = getPath(set, 'spec.selector.matchLabels');
    kit.createChild('persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: set.metadata.namespace, ...(isRecord(labels) ? { labels: labels as Record<string, string> } : {}) },
      spec: clone(isRecord(template) && isRecord(template.spec) ? template.spec : {}),
    });
  }
}

export function reconcileStatefulSet(kit: Kit, set: KubeObject): void {
  const setName = set.metadata.name ?? '';
  const desired = num(getPath(set, 'spec.replicas'), 1);
  const partition = num(getPath(set, 'spec.updateStrategy.rollingUpdate.partition'), 0);
  const updateRevision = `${setName}-${shortHash(getPath(set, 'spec.template'))}`;
  const previous = isRecord(set.status) ? set.status : {};
  let pods = livePods(kit, set);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(p, setName), p]));
  const active = kit.namespaceActive(set.metadata.namespace);
  for (let i = 0; i < desired && active; i += 1) {
    if (byOrdinal.has(i)) continue;
    ensureClaims(kit, set, i);
    const podName = `${setName}-${i}`;
    // A pod below the partition keeps the current revision.
    const revision = i < partition ? (str(previous.currentRevision) ?? updateRevision) : updateRevision;
    const made = createPod(
      kit,
      set,
      podFromTemplate(set, podName, { [REVISION]: revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(i) }),
      'statefulsets.apps',
    );
    // OrderedReady: a refused pod stops the ones after it.
    if ('error' in made) break;
    recordEvent(kit.store, set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`, 'statefulset-controller');
  }
  for (const pod of pods) {
    if (ordinalOf(pod, setName) >= desired) {
      kit.remove('pods', pod);
      recordEvent(
        kit.store,
        set,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${pod.metadata.name ?? ''} in StatefulSet ${setName} successful`,
        'statefulset-controller',
      );
    }
  }
  pods = livePods(kit, set).filter((p) => ordinalOf(p, setName) < desired);
  const outdated = pods
    .filter((p) => p.metadata.labels?.[REVISION] !== updateRevision && ordinalOf(p, setName) >= partition)
    .sort((a, b) => ordinalOf(b, setName) - ordinalOf(a, setName));
  // OnDelete: an outdated pod is replaced only when someone deletes it.
  const onDelete = getPath(set, 'spec.updateStrategy.type') === 'OnDelete';
  if (!onDelete && outdated.length > 0 && pods.length === desired && pods.every(isReady) && outdated[0]) {
    kit.remove('pods', outdated[0]);
    recordEvent(
      kit.store,
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${outdated[0].metadata.name ?? ''} in StatefulSet ${setName} successful`,
      'statefulset-controller',
    );
    pods = livePods(kit, set);
  }
  const ready = readyCount(pods);
  const updated = pods.filter((p) => p.metadata.labels?.[REVISION] === updateRevision).length;
  let currentRevision = str(previous.currentRevision) ?? updateRevision;
  if (updated === desired && ready === desired) currentRevision = updateRevision;
  const current = pods.filter((p) => p.metadata.labels?.[REVISION] === currentRevision).length;
  const status: Record<string, unknown> = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: pods.length,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision,
    updateRevision,
    collisionCount: 0,
    availableReplicas: ready,
  };
  dropZeros(status, ['readyReplicas', 'currentReplicas', 'updatedReplicas']);
  const next = clone(set);
  next.status = status;
  kit.writeIfChanged('statefulsets.apps', set, next);
}

export function reconcileDaemonSet(kit: Kit, set: KubeObject): void {
  const setName = set.metadata.name ?? '';
  const hash = shortHash(getPath(set, 'spec.template'));
  let pods = livePods(kit, set);
  const onDelete = getPath(set, 'spec.updateStrategy.type') === 'OnDelete';
  for (const pod of pods.filter((p) => !onDelete && p.metadata.labels?.[REVISION] !== hash)) {
    kit.remove('pods', pod);
    recordEvent(kit.store, set, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`, 'daemonset-controller');
  }
  pods = livePods(kit, set);
  // One pod per node whose labels match the template's nodeSelector, pinned there by node affinity.
  const selector = getPath(set, 'spec.template.spec.nodeSelector');
  const nodes = kit.store.list('nodes').filter((n) => !isRecord(selector) || Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v));
  const nodeOf = (pod: KubeObject): string | undefined => {
    const terms = getPath(pod, 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms');
    const fields = Array.isArray(terms) ? getPath(terms[0], 'matchFields') : undefined;
    const values = Array.isArray(fields) ? getPath(fields[0], 'values') : undefined;
    return Array.isArray(values) ? String(values[0]) : undefined;
  };
  for (const node of nodes) {
    const nodeName = node.metadata.name ?? '';
    if (pods.some((p) => nodeOf(p) === nodeName) || !kit.namespaceActive(set.metadata.namespace)) continue;
    const podName = `${setName}-${randomSuffix()}`;
    const pod = podFromTemplate(set, podName, { [REVISION]: hash, 'pod-template-generation': String(set.metadata.generation ?? 1) });
    pod.metadata.ownerReferences = [controllerRef(set)];
    const spec = isRecord(pod.spec) ? pod.spec : {};
    spec.affinity = {
      ...(isRecord(spec.affinity) ? spec.affinity : {}),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
        },
      },
    };
    pod.spec = spec;
    if ('error' in createPod(kit, set, pod, 'daemonsets.apps', `${setName}-`)) break;
    recordEvent(kit.store, set, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`, 'daemonset-controller');
  }
  pods = livePods(kit, set);
  const ready = readyCount(pods);
  const updated = pods.filter((p) => p.metadata.labels?.[REVISION] === hash).length;
  const desired = nodes.length;
  const status: Record<string, unknown> = {
    currentNumberScheduled: pods.length,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: ready,
    numberAvailable: ready,
    numberUnavailable: Math.max(0, desired - ready),
    updatedNumberScheduled: updated,
    observedGeneration: set.metadata.generation ?? 1,
  };
  dropZeros(status, ['numberAvailable', 'numberUnavailable', 'updatedNumberScheduled']);
  const next = clone(set);
  next.status = status;
  kit.writeIfChanged('daemonsets.apps', set, next);
}
