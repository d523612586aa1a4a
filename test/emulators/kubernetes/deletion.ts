// Deleting objects as the API server and garbage collector do: an object
// with finalizers only gets a deletionTimestamp; otherwise it goes, and its
// dependents (ownerReferences) go with it unless orphaned. Deleting a CRD
// removes its kind and every object of it.
import { resourceKey } from './resources.ts';
import type { KubeStore } from './store.ts';
import { typeFromCrd } from './crds.ts';
import { timestamp, type KubeObject } from './types.ts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Result of a delete: the object and whether it is gone or only marked for deletion. */
export interface Deleted {
  object: KubeObject;
  gone: boolean;
}

/**
 * Deletes one object (which must exist). Objects with finalizers are marked
 * with a deletionTimestamp and stay until their finalizers are removed.
 */
export function deleteObject(store: KubeStore, resource: string, live: KubeObject, policy: PropagationPolicy = 'Background'): Deleted {
  const meta = live.metadata;
  if ((meta.finalizers ?? []).length > 0) {
    if (meta.deletionTimestamp) return { object: live, gone: false };
    meta.deletionTimestamp = timestamp();
    meta.deletionGracePeriodSeconds = 0;
    return { object: store.update(resource, live), gone: false };
  }
  const removed = store.remove(resource, meta.namespace, meta.name ?? '') ?? live;
  collectDependents(store, meta.uid ?? '', policy);
  if (resource === 'customresourcedefinitions.apiextensions.k8s.io') {
    const type = typeFromCrd(live);
    store.dropResource(resourceKey(type));
    store.registry.unregister(resourceKey(type));
  }
  return { object: removed, gone: true };
}

/** The garbage collector's part: dependents of a deleted owner are deleted or orphaned. */
function collectDependents(store: KubeStore, ownerUid: string, policy: PropagationPolicy): void {
  if (!ownerUid) return;
  for (const { resource, object } of store.dependentsOf(ownerUid)) {
    if (policy === 'Orphan') {
      object.metadata.ownerReferences = (object.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== ownerUid);
      if (object.metadata.ownerReferences.length === 0) delete object.metadata.ownerReferences;
      store.update(resource, object);
      continue;
    }
    const current = store.get(resource, object.metadata.namespace, object.metadata.name ?? '');
    if (current) deleteObject(store, resource, current, policy);
  }
}

/** Completes a deletion once an update removed the last finalizer of a marked object. */
export function finishIfReleased(store: KubeStore, resource: string, object: KubeObject): boolean {
  if (!object.metadata.deletionTimestamp || (object.metadata.finalizers ?? []).length > 0) return false;
  if (resource === 'namespaces') return false;
  deleteObject(store, resource, object);
  return true;
}
