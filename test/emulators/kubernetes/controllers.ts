// The controllers the emulator plays (kube-controller-manager, kube-scheduler and
// kubelet in miniature): a work queue fed by store changes, and reconcile functions
// for pods, ReplicaSets, Deployments, StatefulSets, DaemonSets and Jobs, the
// namespace's default ServiceAccount and root CA ConfigMap, ResourceQuota usage,
// and Service endpoints. Each reconcile reads the current state and writes only
// what changed.
import { ensureNamespaceDefaults } from './admission.ts';
import { applyDefaults } from './defaults.ts';
import { reconcileEndpoints } from './endpoints.ts';
import { deleteObject } from './deletion.ts';
import { trackUpdate } from './fieldmanager.ts';
import { reconcileDeployment, reconcileReplicaSet } from './deployments.ts';
import { reconcileJob } from './jobs.ts';
import { reconcilePod, type NodeKit, type PodRuntime } from './pods.ts';
import { refreshQuotas } from './quota.ts';
import { ImageRegistry } from './registry.ts';
import { reconcileDaemonSet, reconcileStatefulSet } from './statefulsets.ts';
import { controllerOf, type ControllerOptions } from './kit.ts';
import { stampNew, type KubeStore, type StoreEvent } from './store.ts';
import { equalButTimes, isRecord, type KubeObject } from './types.ts';

const CONTROLLED: Record<string, string> = {
  ReplicaSet: 'replicasets.apps',
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
  Job: 'jobs.batch',
};

type Reconcile = (kit: NodeKit, obj: KubeObject) => void;

/** Kinds whose objects count against a ResourceQuota: a change re-counts the namespace's quotas. */
const QUOTA_COUNTED = new Set(['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'resourcequotas']);

const RECONCILERS: Record<string, Reconcile> = {
  namespaces: ensureNamespaceDefaults,
  resourcequotas: (kit, quota) => refreshQuotas(kit.store, quota.metadata.namespace ?? ''),
  services: reconcileEndpoints,
  pods: reconcilePod,
  'replicasets.apps': reconcileReplicaSet,
  'deployments.apps': reconcileDeployment,
  'statefulsets.apps': reconcileStatefulSet,
  'daemonsets.apps': reconcileDaemonSet,
  'jobs.batch': reconcileJob,
};

export class Controllers implements NodeKit {
  readonly store: KubeStore;
  readonly options: ControllerOptions;
  readonly marks = new Map<string, number>();
  readonly images: ImageRegistry;
  readonly runtime = new Map<string, PodRuntime>();
  private readonly queue = new Map<string, [string, string | undefined, string]>();
  /** One pending wake-up per object: the earliest asked for. */
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; at: number }>();
  private draining: NodeJS.Immediate | undefined;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(store: KubeStore, options: ControllerOptions, images: ImageRegistry = new ImageRegistry()) {
    this.store = store;
    this.options = options;
    this.images = images;
    this.unsubscribe = store.subscribe((event) => this.onChange(event));
    for (const ns of store.list('namespaces')) this.enqueue('namespaces', undefined, ns.metadata.name ?? '');
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.draining) clearImmediate(this.draining);
  }

  after(ms: number, resource: string, namespace: string | undefined, name: string): void {
    const key = `${resource}|${namespace ?? ''}|${name}`;
    const at = Date.now() + Math.max(0, ms);
    const pending = this.timers.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.enqueue(resource, namespace, name);
      },
      Math.max(0, ms),
    );
    this.timers.set(key, { timer, at });
  }

  namespaceActive(namespace: string | undefined): boolean {
    if (!namespace) return true;
    const ns = this.store.peek('namespaces', undefined, namespace);
    return ns !== undefined && !ns.metadata.deletionTimestamp;
  }

  createChild(resource: string, obj: KubeObject): KubeObject {
    const type = this.store.typeOf(obj);
    stampNew(obj, type);
    applyDefaults(obj, type.kind, true);
    trackUpdate(undefined, obj, 'kube-controller-manager', { associative: true, skipStatus: type.statusSubresource });
    return this.store.insert(resource, obj);
  }

  remove(resource: string, obj: KubeObject): void {
    const current = this.store.get(resource, obj.metadata.namespace, obj.metadata.name ?? '');
    if (current && current.metadata.uid === obj.metadata.uid) deleteObject(this.store, resource, current);
  }

  writeIfChanged(resource: string, before: KubeObject, after: KubeObject): KubeObject {
    if (equalButTimes(before, after)) return before;
    return this.store.update(resource, after);
  }

  owned(resource: string, owner: KubeObject): KubeObject[] {
    return this.store.select(resource, owner.metadata.namespace, (obj) => controllerOf(obj)?.uid === owner.metadata.uid);
  }

  private onChange(event: StoreEvent): void {
    const { metadata } = event.object;
    if (event.type !== 'DELETED' && RECONCILERS[event.resource]) this.enqueue(event.resource, metadata.namespace, metadata.name ?? '');
    const namespace = metadata.namespace;
    if (namespace !== undefined && QUOTA_COUNTED.has(event.resource) && event.resource !== 'resourcequotas') {
      for (const quota of this.store.scan('resourcequotas', namespace, () => true)) this.enqueue('resourcequotas', namespace, quota.metadata.name ?? '');
    }
    if (event.resource === 'pods') {
      if (event.type === 'DELETED') this.runtime.delete(metadata.uid ?? '');
      // Endpoints follow the pods their Services select.
      if (namespace !== undefined) {
        const labels = metadata.labels ?? {};
        for (const svc of this.store.scan('services', namespace, (s) => selects(s, labels))) this.enqueue('services', namespace, svc.metadata.name ?? '');
      }
    }
    if (event.resource === 'services' && event.type === 'DELETED') this.store.remove('endpoints', namespace, metadata.name ?? '');
    const owner = controllerOf(event.object);
    const ownerResource = owner ? CONTROLLED[owner.kind] : undefined;
    if (owner && ownerResource) this.enqueue(ownerResource, metadata.namespace, owner.name);
  }

  private enqueue(resource: string, namespace: string | undefined, name: string): void {
    if (this.closed) return;
    this.queue.set(`${resource}|${namespace ?? ''}|${name}`, [resource, namespace, name]);
    this.draining ??= setImmediate(() => this.drain());
  }

  private drain(): void {
    this.draining = undefined;
    // Bounded: a reconcile that enqueues more work is picked up by the next drain.
    const batch = [...this.queue.values()];
    this.queue.clear();
    for (const [resource, namespace, name] of batch) {
      // The stored object itself (frozen): every reconcile copies what it changes.
      const obj = this.store.peek(resource, namespace, name);
      const reconcile = RECONCILERS[resource];
      if (!obj || !reconcile || obj.metadata.deletionTimestamp) continue;
      try {
        reconcile(this, obj);
      } catch (error: unknown) {
        process.emitWarning(
          `kubernetes emulator: reconcile of ${resource} ${namespace ?? ''}/${name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

function selects(service: Readonly<KubeObject>, labels: Record<string, string>): boolean {
  const selector = isRecord(service.spec) ? service.spec.selector : undefined;
  return isRecord(selector) && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}
