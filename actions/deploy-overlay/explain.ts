// One line for each way a rollout fails on a real cluster: the object, the reason in the
// cluster's own words, and the fix. Read from what the API server reports: a pod's container
// states and scheduling condition, a Deployment's ReplicaFailure condition, and the Warning
// events controllers and kubelet record (FailedCreate, FailedMount, Unhealthy, pull errors).
// Whether a failure can still get better is decided here where the words alone tell
// (`final`), or named (`missing`, `requests`) for wait.ts to check against the cluster.
import type { KubeObject } from '../../shared/kube/client.ts';
import { at, text } from '../../shared/core/json.ts';
import { isRecord } from '../../shared/core/json.ts';

/** Why a workload is not becoming ready. */
export interface Explanation {
  /** `pod web-5d8f-x2x4k`, `ReplicaSet web-5d8f`, `StatefulSet/cache`. */
  object: string;
  /** The reason and message as the cluster words them. */
  reason: string;
  fix: string;
  /** It cannot get better by waiting. */
  final: boolean;
  /** It cannot get better while this object is missing (wait.ts looks it up). */
  missing?: { kind: 'ServiceAccount' | 'ConfigMap' | 'Secret' | 'SecretProviderClass'; name: string };
  /** CPU (cores) and memory (bytes) one pod asks for, when it fits no node: final if more than any node has. */
  requests?: { cpu: number; memory: number };
  /** Final only while no pods of an older rollout are left to free what it needs (a quota mid-rollout). */
  unlessOldPods?: boolean;
}

/** `<object>: <reason>. Fix: <fix>` on one line. */
export function oneLine(e: Explanation): string {
  const reason = e.reason.replace(/\s*\n\s*/g, ' ');
  return `${e.object}${reason.startsWith('(') ? ' ' : ': '}${reason}${reason.endsWith('.') ? '' : '.'} Fix: ${e.fix}`;
}

const KINDS = { configmap: 'ConfigMap', secret: 'Secret', serviceaccount: 'ServiceAccount' } as const;

/** The object a "not found" message names: `configmap "x" not found`, `couldn't find key K in Secret ns/x`. */
function missingObject(message: string): Explanation['missing'] {
  const notFound = /(configmap|secret|serviceaccount) "([^"]+)" not found/.exec(message);
  if (notFound?.[1] && notFound[2]) return { kind: KINDS[notFound[1] as keyof typeof KINDS], name: notFound[2] };
  const spc = /SecretProviderClass\.secrets-store\.csi\.x-k8s\.io "([^"]+)" not found/.exec(message);
  return spc?.[1] ? { kind: 'SecretProviderClass', name: spc[1] } : undefined;
}

function missingFix(missing: NonNullable<Explanation['missing']>, namespace: string, usage: string): string {
  return `add ${missing.kind} "${missing.name}" to the overlay (or create it in namespace ${namespace} before deploying), or correct the ${usage} that names it.`;
}

/** A quantity string in base units (`500m` → 0.5, `1Gi` → 1073741824); 0 when absent or unreadable. */
export function quantity(value: unknown): number {
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(value.trim()) : undefined;
  if (typeof value === 'number') return value;
  if (!m) return 0;
  const scale: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return Number(m[1]) * (m[2] ? (scale[m[2]] ?? 1) : 1);
}

/** What one pod asks the scheduler for: its containers' requests (a limit stands in for a missing request). */
export function podRequests(pod: KubeObject): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  const containers = at(pod, 'spec.containers');
  for (const c of Array.isArray(containers) ? containers : []) {
    for (const r of ['cpu', 'memory'] as const) sum[r] += quantity(at(c, `resources.requests.${r}`) ?? at(c, `resources.limits.${r}`));
  }
  return sum;
}

function imageFix(image: string, pullError: string | undefined): string {
  if (pullError && /401 Unauthorized|403 Forbidden|failed to authorize|unauthorized/i.test(pullError)) {
    return `let the cluster pull from ${image.split('/')[0] ?? 'the registry'} (on AKS: az aks update --attach-acr <registry>, or AcrPull for the kubelet identity), or use a public image.`;
  }
  return `push ${image} (build it first), or point \`images\` at a tag or digest that exists.`;
}

/** Why this pod of the current rollout does not run; `pullErrors` are the kubelet's last pull errors by container. */
export function explainPod(pod: KubeObject, pullErrors: ReadonlyMap<string, string> = new Map()): Explanation | undefined {
  const name = `pod ${pod.metadata?.name ?? '?'}`;
  const conditions = at(pod, 'status.conditions');
  const scheduled: unknown = (Array.isArray(conditions) ? (conditions as unknown[]) : []).find((c) => at(c, 'type') === 'PodScheduled');
  if (at(scheduled, 'status') === 'False' && at(scheduled, 'reason') === 'Unschedulable') {
    const requests = podRequests(pod);
    return {
      object: name,
      reason: `Unschedulable: ${text(at(scheduled, 'message'))}`,
      fix: "lower the pod's resource requests (or replicas), or add nodes that fit it (a bigger node pool, or the nodeSelector's labels).",
      final: false,
      requests,
    };
  }
  for (const list of ['initContainerStatuses', 'containerStatuses']) {
    const statuses = at(pod, `status.${list}`);
    for (const status of Array.isArray(statuses) ? statuses : []) {
      const explained = explainContainer(pod, status, pullErrors);
      if (explained) return explained;
    }
  }
  return undefined;
}

/** Why this container of the pod does not run (its waiting reason), if the reason is one we explain. */
function explainContainer(pod: KubeObject, status: unknown, pullErrors: ReadonlyMap<string, string>): Explanation | undefined {
  const name = `pod ${pod.metadata?.name ?? '?'}`;
  const namespace = pod.metadata?.namespace ?? '';
  const container = text(at(status, 'name'));
  const reason = text(at(status, 'state.waiting.reason'));
  const message = text(at(status, 'state.waiting.message'));
  const image = text(at(status, 'image'));
  const what = `${name}: container ${container} is in ${reason}`;
  const imageSpec = (Array.isArray(at(pod, 'spec.containers')) ? (at(pod, 'spec.containers') as unknown[]) : []).find((c) => at(c, 'name') === container);
  const wanted = text(at(imageSpec, 'image'), image);
  switch (reason) {
    case 'ErrImagePull':
    case 'ImagePullBackOff': {
      const pullError = reason === 'ErrImagePull' ? message : (pullErrors.get(container) ?? message);
      return { object: what, reason: `(${pullError})`, fix: imageFix(wanted, pullError), final: reason === 'ImagePullBackOff' };
    }
    case 'InvalidImageName':
    case 'ErrImageNeverPull':
      return {
        object: what,
        reason: `(${message})`,
        fix: `correct the image reference ${JSON.stringify(wanted)} (lower-case repository, a tag or digest).`,
        final: true,
      };
    case 'CreateContainerConfigError': {
      const missing = missingObject(message);
      const key = /couldn't find key (\S+) in (ConfigMap|Secret) (\S+)/.exec(message);
      const fix = missing
        ? missingFix(missing, namespace, `env/envFrom of container ${container}`)
        : key
          ? `add key ${key[1] ?? ''} to ${key[2] ?? ''} ${key[3] ?? ''}, or correct the key the container's env names.`
          : "correct the container's env, envFrom and volume mounts.";
      return { object: what, reason: `(${message})`, fix, final: !missing, ...(missing ? { missing } : {}) };
    }
    case 'CrashLoopBackOff': {
      const last = at(status, 'lastState.terminated');
      const exit = isRecord(last) ? `; last exit code ${text(last['exitCode'], '?')}${last['reason'] ? ` (${text(last['reason'])})` : ''}` : '';
      return {
        object: what,
        reason: `(${message}${exit}, ${text(at(status, 'restartCount'), '0')} restarts)`,
        fix: `the container stops right after it starts: read its log (kubectl logs --previous ${pod.metadata?.name ?? ''} -c ${container} -n ${namespace}, shown below) and fix the command, image or configuration.`,
        final: true,
      };
    }
    case 'CreateContainerError':
    case 'RunContainerError':
      return { object: what, reason: `(${message})`, fix: "correct the container's command, working directory and mounts.", final: true };
    default:
      return undefined;
  }
}

/** A pod of the rollout whose containers run but are not ready (the probe's own words come with its events). */
export function explainUnready(pod: KubeObject): Explanation | undefined {
  const statuses = at(pod, 'status.containerStatuses');
  const unready = (Array.isArray(statuses) ? (statuses as unknown[]) : [])
    .filter((c) => isRecord(at(c, 'state.running')) && at(c, 'ready') !== true)
    .map((c) => text(at(c, 'name')));
  if (unready.length === 0) return undefined;
  return {
    object: `pod ${pod.metadata?.name ?? '?'} is running but not ready`,
    reason: `container(s) ${unready.join(', ')} have not passed their readiness probe`,
    fix: 'make the readiness probe ask the port and path the container serves (its declared ports), or fix why the app answers it with an error.',
    final: false,
  };
}

/** The LimitRanger admission plugin's refusals (plugin/pkg/admission/limitranger): over max, under min, over the ratio. */
const LIMIT_RANGE = /(maximum|minimum) \S+ usage per (Container|Pod|PersistentVolumeClaim) is|limit to request ratio per (Container|Pod)/;

/** Why a controller could not create pods (a Deployment's ReplicaFailure, or a FailedCreate message). */
export function explainFailedCreate(owner: string, message: string, namespace: string): Explanation {
  const missing = missingObject(message);
  const quota = /(exceeded quota|failed quota): ([^,:]+)/.exec(message);
  let fix = 'correct what the message names and push again.';
  if (missing) fix = missingFix(missing, namespace, "pod template's serviceAccountName");
  else if (quota?.[1] === 'failed quota')
    fix = `set resources.requests and resources.limits for what the message lists: ResourceQuota "${quota[2] ?? ''}" requires them of every container.`;
  else if (quota) fix = `lower the pods' requests or the replicas, or raise ResourceQuota "${quota[2] ?? ''}" in namespace ${namespace}.`;
  else if (LIMIT_RANGE.test(message))
    fix = `bring the container's requests and limits within the namespace's LimitRange (the \`limit-range\` input, or a LimitRange in ${namespace}), or change that LimitRange.`;
  // The ReplicaSet (or StatefulSet...) that failed is the one the message's pod name belongs to.
  const exceeded = quota?.[1] === 'exceeded quota';
  return {
    object: owner,
    reason: `FailedCreate: ${message.replace(/^Error creating: /, '')}`,
    fix,
    final: !missing,
    ...(missing ? { missing } : {}),
    ...(exceeded ? { unlessOldPods: true } : {}),
  };
}

/** The Deployment's own word for pods its ReplicaSet could not create. */
export function explainReplicaFailure(workload: KubeObject): Explanation | undefined {
  const conditions = at(workload, 'status.conditions');
  const failure: unknown = (Array.isArray(conditions) ? (conditions as unknown[]) : []).find(
    (c) => at(c, 'type') === 'ReplicaFailure' && at(c, 'status') === 'True',
  );
  if (!failure) return undefined;
  const message = text(at(failure, 'message'));
  const rs = /pods "([^"]+?)-?"/.exec(message)?.[1]?.replace(/-[a-z0-9]{5}$/, '');
  return explainFailedCreate(rs ? `ReplicaSet ${rs}` : 'its ReplicaSet', message, workload.metadata?.namespace ?? '');
}

/** A Warning event about a pod or workload that explains it (FailedMount, FailedCreate, Unhealthy), or undefined. */
export function explainEvent(event: KubeObject): Explanation | undefined {
  const reason = text(event['reason']);
  const message = text(event['message']);
  const kind = text(at(event, 'involvedObject.kind'));
  const name = text(at(event, 'involvedObject.name'));
  const namespace = text(at(event, 'involvedObject.namespace'));
  const object = kind === 'Pod' ? `pod ${name}` : `${kind} ${name}`;
  if (reason === 'FailedCreate') return explainFailedCreate(object, message.replace(/^create Pod \S+ in StatefulSet \S+ failed error: /, ''), namespace);
  if (reason === 'FailedMount') {
    const missing = missingObject(message);
    const volume = /volume "([^"]+)"/.exec(message)?.[1] ?? '';
    return {
      object,
      reason: `FailedMount: ${message}`,
      fix: missing ? missingFix(missing, namespace, `volume "${volume}"`) : `correct volume "${volume}".`,
      final: false,
      ...(missing ? { missing } : {}),
    };
  }
  if (reason === 'Unhealthy' && message.startsWith('Readiness probe')) {
    return {
      object: `${object} is running but not ready`,
      reason: message,
      fix: 'make the readiness probe ask the port and path the container serves (its declared ports), or fix why the app answers it with an error.',
      final: false,
    };
  }
  return undefined;
}
