// Namespace lifecycle: admission of new content (404 in a missing namespace,
// 403 NamespaceTerminating in a terminating one), deletion (Terminating, then
// contents removed after a delay, then gone), protected namespaces, and the
// finalizers that can keep a namespace in Terminating (`spec.finalizers`
// beyond `kubernetes`, released through PUT .../finalize, or metadata.finalizers).
import { deleteObject } from './deletion.ts';
import type { ResourceType } from './resources.ts';
import { forbidden, notFound } from './status.ts';
import type { KubeStore } from './store.ts';
import { deepEqual, isRecord, timestamp, withoutTimes, type KubeObject } from './types.ts';

const NAMESPACES = { group: '', resource: 'namespaces' };

/** Namespaces that can never be deleted. */
export const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class NamespaceLifecycle {
  private readonly store: KubeStore;
  private readonly deleteDelayMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** When each terminating namespace's contents may be removed. */
  private readonly due = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(store: KubeStore, deleteDelayMs: number) {
    this.store = store;
    this.deleteDelayMs = deleteDelayMs;
    // A terminating namespace re-checks whenever something in it goes away.
    this.unsubscribe = store.subscribe((event) => {
      const ns = event.object.metadata.namespace;
      const due = ns ? this.due.get(ns) : undefined;
      if (event.type !== 'ADDED' && ns && due !== undefined && Date.now() >= due) this.schedule(ns, 0);
    });
  }

  /** Creates the namespaces every cluster has. */
  seedDefaults(): void {
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.store.seed({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
  }

  /** Throws the API server's answer to creating content in a missing or terminating namespace. */
  admitCreate(type: ResourceType, namespace: string | undefined, name: string): void {
    if (!type.namespaced || !namespace) return;
    const ns = this.store.get('namespaces', undefined, namespace);
    if (!ns) throw notFound(NAMESPACES, namespace);
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(
        { group: type.group, resource: type.plural },
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
      );
    }
  }

  /** DELETE of a namespace: 200 with the Terminating object, every time until it is gone. */
  delete(name: string, dryRun: boolean): KubeObject {
    if (PROTECTED_NAMESPACES.includes(name)) throw forbidden(NAMESPACES, name, 'this namespace may not be deleted');
    const ns = this.store.get('namespaces', undefined, name);
    if (!ns) throw notFound(NAMESPACES, name);
    if (ns.metadata.deletionTimestamp || dryRun) return ns;
    ns.metadata.deletionTimestamp = timestamp();
    ns.metadata.deletionGracePeriodSeconds = 0;
    ns.status = { ...(isRecord(ns.status) ? ns.status : {}), phase: 'Terminating' };
    const stored = this.store.update('namespaces', ns);
    this.due.set(name, Date.now() + this.deleteDelayMs);
    this.schedule(name, this.deleteDelayMs);
    return stored;
  }

  /** PUT .../namespaces/{name}/finalize: sets spec.finalizers and re-checks a terminating namespace. */
  finalize(name: string, finalizers: string[]): KubeObject {
    const ns = this.store.get('namespaces', undefined, name);
    if (!ns) throw notFound(NAMESPACES, name);
    ns.spec = { ...(isRecord(ns.spec) ? ns.spec : {}), finalizers };
    const stored = this.store.update('namespaces', ns);
    if (ns.metadata.deletionTimestamp) this.schedule(name, Math.max(0, (this.due.get(name) ?? 0) - Date.now()));
    return stored;
  }

  /** Re-checks a terminating namespace (after its metadata.finalizers changed). */
  recheck(name: string): void {
    if (this.due.has(name)) this.schedule(name, Math.max(0, (this.due.get(name) ?? 0) - Date.now()));
  }

  /** Stops pending work (emulator shutdown). */
  close(): void {
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(name: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.reconcile(name);
    }, delayMs);
    this.timers.add(timer);
  }

  /** The namespace controller: empties the namespace, then drops it once no finalizer holds it. */
  private reconcile(name: string): void {
    const ns = this.store.get('namespaces', undefined, name);
    if (!ns?.metadata.deletionTimestamp) {
      this.due.delete(name);
      return;
    }
    if (!this.due.has(name)) this.due.set(name, Date.now());
    for (const { resource, object } of this.store.inNamespace(name)) {
      const current = this.store.get(resource, name, object.metadata.name ?? '');
      if (current && !current.metadata.deletionTimestamp) deleteObject(this.store, resource, current);
    }
    const left = this.store.inNamespace(name);
    const held = left.filter(({ object }) => (object.metadata.finalizers ?? []).length > 0);
    const spec = isRecord(ns.spec) ? ns.spec : {};
    const specFinalizers = (Array.isArray(spec.finalizers) ? spec.finalizers : []).filter((f) => f !== 'kubernetes');
    if (left.length === 0 && specFinalizers.length === 0 && (ns.metadata.finalizers ?? []).length === 0) {
      this.store.remove('namespaces', undefined, name);
      this.due.delete(name);
      return;
    }
    const next: KubeObject = { ...ns, spec: { ...spec, finalizers: left.length === 0 ? specFinalizers : spec.finalizers } };
    next.status = { phase: 'Terminating', conditions: terminatingConditions(left.length, held) };
    if (!deepEqual(withoutTimes(next), withoutTimes(ns))) this.store.update('namespaces', next);
  }
}

function terminatingConditions(remaining: number, held: { resource: string; object: KubeObject }[]): Record<string, string>[] {
  const now = timestamp();
  const condition = (type: string, status: boolean, reason: string, message: string): Record<string, string> => ({
    type,
    status: status ? 'True' : 'False',
    lastTransitionTime: now,
    reason,
    message,
  });
  const finalizers = [...new Set(held.flatMap(({ object }) => object.metadata.finalizers ?? []))].sort();
  return [
    condition('NamespaceDeletionDiscoveryFailure', false, 'ResourcesDiscovered', 'All resources successfully discovered'),
    condition('NamespaceDeletionGroupVersionParsingFailure', false, 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
    condition('NamespaceDeletionContentFailure', false, 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
    remaining > 0
      ? condition(
          'NamespaceContentRemaining',
          true,
          'SomeResourcesRemain',
          `Some resources are remaining: ${held.map((h) => h.resource).join(', ')} has ${remaining} resource instances`,
        )
      : condition('NamespaceContentRemaining', false, 'ContentRemoved', 'All content successfully removed'),
    finalizers.length > 0
      ? condition(
          'NamespaceFinalizersRemaining',
          true,
          'SomeFinalizersRemain',
          `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')} in ${held.length} resource instances`,
        )
      : condition('NamespaceFinalizersRemaining', false, 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
  ];
}
