// Small facts about rendered objects: identity, display names, apply phases, which kinds are
// workloads, which built-in kinds are cluster-scoped, and a generic walk over JSON values.
import type { KubeObject } from '../../shared/kube/client.ts';
import { isRecord } from '../../shared/core/json.ts';

/** The field manager every apply of the suite uses (so re-runs own the same fields). */
export const FIELD_MANAGER = 'branch-env-actions';

/** Label naming the apply set (`apply-set` input) an object belongs to, so prune stays within it. */
export const APPLY_SET_LABEL = 'branch-env.io/apply-set';

/** Namespace annotation prefix recording the kinds an apply set holds (its prune inventory). */
export const INVENTORY_ANNOTATION_PREFIX = 'branch-env.io/kinds.';

/** An object the action will apply, with where it came from. */
export interface Planned {
  object: KubeObject;
  /** The overlay directory it was rendered from, or `the secrets input`. */
  source: string;
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string | undefined): string {
  const value = apiVersion ?? '';
  return value.includes('/') ? (value.split('/')[0] ?? '') : '';
}

/** Identity of an object for comparisons: group, kind, namespace and name (the version does not matter). */
export function objectKey(obj: KubeObject): string {
  return `${groupOf(obj.apiVersion)}/${obj.kind ?? ''}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/**
 * Whether an object lies outside the branch namespace: a namespaced one in another namespace,
 * or a cluster-scoped one other than the branch Namespace itself.
 */
export function isOutside(obj: KubeObject, namespace: string, namespaced: boolean): boolean {
  return namespaced ? obj.metadata?.namespace !== namespace : !(obj.kind === 'Namespace' && obj.metadata?.name === namespace);
}

/** `Kind/name` (and `namespace/` when given), as people and kubectl write it. */
export function displayName(obj: KubeObject, withNamespace = false): string {
  const ns = withNamespace && obj.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind ?? '?'}/${ns}${obj.metadata?.name ?? '?'}`;
}

/** `apiVersion Kind`, the unit of discovery and listing. */
export function typeKey(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  return `${obj.apiVersion ?? ''} ${obj.kind ?? ''}`;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'ReplicationController']);

/** Kinds with a pod template at `spec.template` (labels go on it too). */
export const TEMPLATE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** True for a built-in workload kind (pods come from it), in the apps, batch or core group. */
export function isWorkload(obj: KubeObject): boolean {
  return WORKLOAD_KINDS.has(obj.kind ?? '') && ['', 'apps', 'batch'].includes(groupOf(obj.apiVersion));
}

/**
 * The apply phase of an object. Phases run one after another; objects within one run in
 * parallel: 0 CRDs (custom resources need them), 1 the Namespace, 2 configuration, services,
 * RBAC and custom resources (pods read them at start), 3 workloads.
 */
export function phaseOf(obj: KubeObject): number {
  if (obj.kind === 'CustomResourceDefinition' && groupOf(obj.apiVersion) === 'apiextensions.k8s.io') return 0;
  if (obj.kind === 'Namespace' && groupOf(obj.apiVersion) === '') return 1;
  return isWorkload(obj) ? 3 : 2;
}

/** Names of the phases, for the log. */
export const PHASE_NAMES: readonly string[] = ['custom resource definitions', 'namespace', 'configuration and services', 'workloads'];

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'GatewayClass',
  'ClusterIssuer',
]);

/**
 * Whether a kind is namespaced without asking a cluster (for `dry-run: client`): built-in
 * cluster-scoped kinds are known, a CRD in the render says its own scope, anything else is
 * taken to be namespaced.
 */
export function offlineNamespaced(obj: KubeObject, crds: readonly KubeObject[]): boolean {
  const crd = crds.find((c) => crdServes(c, obj));
  if (crd) return (crd['spec'] as { scope?: string } | undefined)?.scope !== 'Cluster';
  return !CLUSTER_SCOPED.has(obj.kind ?? '');
}

/** Whether a CRD object defines the kind of `obj` at its apiVersion's group. */
export function crdServes(crd: KubeObject, obj: KubeObject): boolean {
  const spec = (crd['spec'] ?? {}) as { group?: string; names?: { kind?: string } };
  return crd.kind === 'CustomResourceDefinition' && spec.group === groupOf(obj.apiVersion) && spec.names?.kind === obj.kind;
}

/** A JSON path for messages: `spec.containers[0].image`. */
export function joinPath(base: string, part: string | number): string {
  if (typeof part === 'number') return `${base}[${part}]`;
  return base === '' ? part : `${base}.${part}`;
}

/**
 * Visits every string in a JSON value (depth first); `replace` may return a new string to
 * store in its place. Keys are reported through `onKey` but never changed.
 */
export function walkStrings(
  value: unknown,
  visit: (text: string, path: string) => string | undefined,
  onKey?: (key: string, path: string) => void,
  path = '',
): unknown {
  if (typeof value === 'string') return visit(value, path) ?? value;
  if (Array.isArray(value)) {
    value.forEach((item, index) => (value[index] = walkStrings(item, visit, onKey, joinPath(path, index))));
    return value;
  }
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      onKey?.(key, path);
      value[key] = walkStrings(item, visit, onKey, joinPath(path, key));
    }
  }
  return value;
}
