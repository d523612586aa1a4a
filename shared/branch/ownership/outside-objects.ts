// Objects a branch environment keeps outside its own namespace: in other namespaces
// (deploy-overlay's `allow-namespaces`: a ServiceMonitor in `monitoring`, say) and cluster-scoped
// ones (`allow-cluster-scoped`). Deleting the branch namespace does not remove them, so
// deploy-overlay records them on the branch namespace, one annotation per apply set
// (`branch-env.io/external.<apply-set>`: a JSON list of `apiVersion Kind namespace/name` and
// `apiVersion Kind name` for cluster-scoped ones), and prune and cleanup-branch find them there.
// A record is only a list of candidates: before anything is deleted its kind's real scope is
// looked up, protected targets are refused by that scope, and the live object must carry the
// exact mark of the branch (kube-marks.ts). Pure functions, no I/O.
import type { KubeObject } from '../../kube/client.ts';
import { isProtectedNamespace } from './protected.ts';
import { checkMark, markRefusal, type EnvironmentOwner } from './kube-marks.ts';

/** Prefix of the namespace annotations that list an apply set's objects in other namespaces. */
export const EXTERNAL_ANNOTATION_PREFIX = 'branch-env.io/external.';

/** An object outside the branch namespace. */
export interface ExternalRef {
  apiVersion: string;
  kind: string;
  /** Its namespace; undefined for a cluster-scoped object. */
  namespace: string | undefined;
  name: string;
}

/** The annotation key of an apply set. */
export function externalAnnotation(applySet: string): string {
  return `${EXTERNAL_ANNOTATION_PREFIX}${applySet}`;
}

/** `apps/v1 Deployment monitoring/web`, or `rbac.authorization.k8s.io/v1 ClusterRole web` for a cluster-scoped object. */
export function formatExternalRef(ref: ExternalRef): string {
  return ref.namespace === undefined ? `${ref.apiVersion} ${ref.kind} ${ref.name}` : `${ref.apiVersion} ${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** The ref a recorded line names, or undefined when it is not one. */
export function parseExternalRef(text: string): ExternalRef | undefined {
  const match = /^(\S+) ([A-Z][A-Za-z0-9]*) (?:([a-z0-9][-a-z0-9]*)\/)?([^\s/]+)$/.exec(text);
  if (!match) return undefined;
  const [, apiVersion = '', kind = '', namespace, name = ''] = match;
  return { apiVersion, kind, namespace, name };
}

/** The ref of a live or planned object (namespace undefined when it is cluster-scoped). */
export function refOf(obj: KubeObject, namespaced: boolean): ExternalRef {
  return {
    apiVersion: obj.apiVersion ?? '',
    kind: obj.kind ?? '',
    namespace: namespaced ? (obj.metadata?.namespace ?? '') : undefined,
    name: obj.metadata?.name ?? '',
  };
}

/** True for the core `Namespace` kind (a Namespace is named by its name, not by a namespace). */
export function isNamespaceKind(ref: Pick<ExternalRef, 'apiVersion' | 'kind'>): boolean {
  return ref.kind === 'Namespace' && ref.apiVersion === 'v1';
}

/**
 * Why an object may never be written or removed, judged by its kind's real scope, or undefined:
 * a namespaced object in `default`, `kube-*` or a production namespace, or a Namespace named so.
 */
export function protectedTargetReason(ref: ExternalRef, productionNamespaces: readonly string[]): string | undefined {
  if (isNamespaceKind(ref) && isProtectedNamespace(ref.name, productionNamespaces)) {
    return `the Namespace ${ref.name} is protected (default, kube-* and production namespaces are never written or removed)`;
  }
  if (ref.namespace !== undefined && isProtectedNamespace(ref.namespace, productionNamespaces)) {
    return `it is in the protected namespace ${ref.namespace} (default, kube-* and production namespaces are never written or removed)`;
  }
  return undefined;
}

/**
 * A recorded ref with its namespace set by the kind's real scope (`namespaced` from discovery):
 * a cluster-scoped kind loses any namespace the record gave it (a record cannot make
 * `v1 Namespace monitoring/project` mean anything but the Namespace `project`); a namespaced kind
 * recorded without a namespace is no valid record (undefined).
 */
export function resolveScope(ref: ExternalRef, namespaced: boolean): ExternalRef | undefined {
  if (!namespaced) return { ...ref, namespace: undefined };
  return ref.namespace === undefined ? undefined : ref;
}

/** The strings of an annotation that holds a JSON list of strings; empty when it is missing or not one. */
export function annotationList(obj: KubeObject | undefined, key: string): string[] {
  const text = obj?.metadata?.annotations?.[key];
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((line): line is string => typeof line === 'string') : [];
  } catch {
    return [];
  }
}

/** The refs recorded on a namespace: one apply set's, or every apply set's. */
export function externalRefs(namespace: KubeObject | undefined, applySet?: string): ExternalRef[] {
  const annotations = namespace?.metadata?.annotations ?? {};
  const keys = applySet === undefined ? Object.keys(annotations).filter((key) => key.startsWith(EXTERNAL_ANNOTATION_PREFIX)) : [externalAnnotation(applySet)];
  const refs = new Map<string, ExternalRef>();
  for (const line of keys.flatMap((key) => annotationList(namespace, key))) {
    const ref = parseExternalRef(line);
    if (ref) refs.set(formatExternalRef(ref), ref);
  }
  return [...refs.values()];
}

/** The object reference a ref stands for (for get and delete). */
export function externalObject(ref: ExternalRef): KubeObject {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: ref.namespace === undefined ? { name: ref.name } : { name: ref.name, namespace: ref.namespace },
  };
}

/** Why the owner may not remove the live object, or undefined when its exact mark names the owner. */
export function removalRefusal(live: KubeObject, owner: EnvironmentOwner): string | undefined {
  return markRefusal(checkMark(live, owner), 'it', owner);
}
