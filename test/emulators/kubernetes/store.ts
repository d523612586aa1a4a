// The object store: every object by resource, namespace and name; one global
// resourceVersion counter; a bounded history of changes so watches can resume
// from a resourceVersion; and listeners (watches, controllers) told of each
// change as it is committed.
import { randomUUID } from 'node:crypto';
import { resourceKey, type ResourceRegistry, type ResourceType } from './resources.ts';
import { byteOrder, clone, deepFreeze, splitApiVersion, timestamp, type KubeObject } from './types.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change. `object` is a snapshot: listeners must not mutate it. */
export interface StoreEvent {
  type: ChangeType;
  /** The resource key (`deployments.apps`). */
  resource: string;
  object: KubeObject;
  resourceVersion: number;
}

export type Listener = (event: StoreEvent) => void;

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class KubeStore {
  readonly registry: ResourceRegistry;
  private rv = 1;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  /** The resourceVersion of the newest event dropped from history. */
  private compactedRv = 0;
  private readonly historyLimit: number;
  private readonly listeners = new Set<Listener>();

  /** @param historyLimit events kept for watches that resume from a resourceVersion */
  constructor(registry: ResourceRegistry, historyLimit = 2000) {
    this.registry = registry;
    this.historyLimit = historyLimit;
  }

  /** The current global resourceVersion, as list metadata carries it. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.objects.get(resource)?.get(keyOf(namespace, name));
    return found ? clone(found) : undefined;
  }

  /**
   * The stored object itself, not a copy: for readers that only look (is it there, is it
   * terminating, one field). Cheaper than {@link get}; the caller must not change it.
   */
  peek(resource: string, namespace: string | undefined, name: string): Readonly<KubeObject> | undefined {
    return this.objects.get(resource)?.get(keyOf(namespace, name));
  }

  /**
   * The stored objects (not copies, in no particular order) that `match` accepts: for
   * readers that only look, such as the scheduler summing the requests of a node's pods.
   * The caller must not change them.
   */
  scan(resource: string, namespace: string | undefined, match: (obj: Readonly<KubeObject>) => boolean): Readonly<KubeObject>[] {
    const items: Readonly<KubeObject>[] = [];
    for (const obj of this.objects.get(resource)?.values() ?? []) {
      if ((namespace === undefined || obj.metadata.namespace === namespace) && match(obj)) items.push(obj);
    }
    return items;
  }

  /** Objects of a resource, in one namespace or all, sorted by namespace and name as etcd returns them. */
  list(resource: string, namespace?: string): KubeObject[] {
    return this.select(resource, namespace, () => true);
  }

  /**
   * The objects {@link list} would return that `match` accepts. Only those are copied: the
   * controllers look for a few objects among many (a workload's pods, an object's events), and
   * copying them all made each reconcile cost O(objects).
   * @param match sees the stored objects; it must not change them.
   */
  select(resource: string, namespace: string | undefined, match: (obj: Readonly<KubeObject>) => boolean): KubeObject[] {
    const items: KubeObject[] = [];
    for (const obj of this.objects.get(resource)?.values() ?? []) {
      if ((namespace === undefined || obj.metadata.namespace === namespace) && match(obj)) items.push(clone(obj));
    }
    return items.sort((a, b) => byteOrder(keyOf(a.metadata.namespace, a.metadata.name ?? ''), keyOf(b.metadata.namespace, b.metadata.name ?? '')));
  }

  /** Every object (of any resource) in a namespace. */
  inNamespace(namespace: string): { resource: string; object: KubeObject }[] {
    const found: { resource: string; object: KubeObject }[] = [];
    for (const [resource, map] of this.objects) {
      for (const obj of map.values()) if (obj.metadata.namespace === namespace) found.push({ resource, object: clone(obj) });
    }
    return found;
  }

  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): { resource: string; object: KubeObject }[] {
    const found: { resource: string; object: KubeObject }[] = [];
    for (const [resource, map] of this.objects) {
      for (const obj of map.values()) {
        if (obj.metadata.ownerReferences?.some((ref) => ref.uid === uid)) found.push({ resource, object: clone(obj) });
      }
    }
    return found;
  }

  /** Stores a new object (metadata already complete but for resourceVersion). */
  insert(resource: string, object: KubeObject): KubeObject {
    return this.commit('ADDED', resource, object);
  }

  /** Replaces an existing object. */
  update(resource: string, object: KubeObject): KubeObject {
    return this.commit('MODIFIED', resource, object);
  }

  /** Removes an object; answers the removed object, or undefined when absent. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const existing = this.objects.get(resource)?.get(keyOf(namespace, name));
    if (!existing) return undefined;
    return this.commit('DELETED', resource, existing);
  }

  /** Removes every object of a resource (its CRD went away). */
  dropResource(resource: string): void {
    for (const obj of this.list(resource)) this.remove(resource, obj.metadata.namespace, obj.metadata.name ?? '');
    this.objects.delete(resource);
  }

  /**
   * Changes after a resourceVersion, oldest first; undefined when some of them
   * were already dropped from history (the watch must answer 410 Expired).
   */
  changesSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.compactedRv) return undefined;
    return this.history.filter((e) => e.resourceVersion > resourceVersion);
  }

  /** Drops all history, as etcd compaction does: older resourceVersions expire. */
  compact(): void {
    if (this.history.length > 0) this.compactedRv = this.history[this.history.length - 1]?.resourceVersion ?? this.compactedRv;
    this.history = [];
  }

  /** The oldest resourceVersion a watch may still resume from. */
  get oldestResourceVersion(): number {
    return this.compactedRv;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * For tests: stores an object as if created through the API (uid, timestamps,
   * generation filled in), replacing any object of the same name.
   */
  seed(object: KubeObject): KubeObject {
    const type = this.typeOf(object);
    const resource = resourceKey(type);
    const existing = this.get(resource, object.metadata.namespace, object.metadata.name ?? '');
    const prepared = stampNew(clone(object), type);
    if (existing) {
      prepared.metadata.uid = existing.metadata.uid;
      return this.update(resource, prepared);
    }
    return this.insert(resource, prepared);
  }

  /** The registered type of an object, by apiVersion and kind; throws when unknown. */
  typeOf(object: KubeObject): ResourceType {
    const { group, version } = splitApiVersion(object.apiVersion ?? '');
    const type = this.registry.byKind(group, version, object.kind ?? '');
    if (!type) throw new Error(`the emulator serves no kind ${JSON.stringify(object.kind)} in ${JSON.stringify(object.apiVersion)}`);
    return type;
  }

  private commit(type: ChangeType, resource: string, object: KubeObject): KubeObject {
    this.rv += 1;
    const stored = clone(object);
    stored.metadata.resourceVersion = String(this.rv);
    // Frozen: listeners, peek and scan hand it out without copying, and a writer that changed it
    // in place would change history; a change to it throws instead.
    deepFreeze(stored);
    const map = this.objects.get(resource) ?? new Map<string, KubeObject>();
    this.objects.set(resource, map);
    const key = keyOf(stored.metadata.namespace, stored.metadata.name ?? '');
    if (type === 'DELETED') map.delete(key);
    else map.set(key, stored);
    // The event carries the stored object itself (listeners must not change it; the store never
    // changes a stored object in place, a write replaces it), which saves a copy per write.
    const event: StoreEvent = { type, resource, object: stored, resourceVersion: this.rv };
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedRv = dropped[dropped.length - 1]?.resourceVersion ?? this.compactedRv;
    }
    for (const listener of [...this.listeners]) listener(event);
    return clone(stored);
  }
}

/** Fills in what the API server sets on create: uid, creationTimestamp, generation. */
export function stampNew(object: KubeObject, type: ResourceType): KubeObject {
  const meta = object.metadata;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp();
  if (type.generation) meta.generation = 1;
  else delete meta.generation;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  if (!object.apiVersion) object.apiVersion = type.group ? `${type.group}/${type.versions[0] ?? 'v1'}` : 'v1';
  if (!object.kind) object.kind = type.kind;
  if (!type.namespaced) delete meta.namespace;
  return object;
}
