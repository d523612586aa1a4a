// Objects a branch environment keeps outside its own namespace (deploy-overlay's
// `allow-namespaces`: a ServiceMonitor in `monitoring`, say). Deleting the branch namespace does
// not remove them, so deploy-overlay records them on the branch namespace, one annotation per
// apply set (`branch-env.io/external.<apply-set>`: a JSON list of `apiVersion Kind namespace/name`),
// and prune and cleanup-branch find them there. Both still delete one only when it carries the
// suite's labels for the branch. Pure functions, no I/O.
import type { KubeObject } from './kube.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './naming.ts';

/** Prefix of the namespace annotations that list an apply set's objects in other namespaces. */
export const EXTERNAL_ANNOTATION_PREFIX = 'branch-env.io/external.';

/** An object in another namespace. */
export interface ExternalRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The annotation key of an apply set. */
export function externalAnnotation(applySet: string): string {
  return `${EXTERNAL_ANNOTATION_PREFIX}${applySet}`;
}

/** `apps/v1 Deployment monitoring/web`. */
export function formatExternalRef(ref: ExternalRef): string {
  return `${ref.apiVersion} ${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** The ref a recorded line names, or undefined when it is not one. */
export function parseExternalRef(text: string): ExternalRef | undefined {
  const match = /^(\S+) (\S+) ([a-z0-9][-a-z0-9]*)\/(\S+)$/.exec(text);
  if (!match) return undefined;
  const [, apiVersion = '', kind = '', namespace = '', name = ''] = match;
  return { apiVersion, kind, namespace, name };
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
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } };
}

/** Whether the live object carries the suite's labels for this branch (so it is the branch's to delete). */
export function carriesBranchLabels(obj: KubeObject, labelValue: string): boolean {
  const labels = obj.metadata?.labels ?? {};
  return labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && labels[BRANCH_LABEL] === labelValue;
}
