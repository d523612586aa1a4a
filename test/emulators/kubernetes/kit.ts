// What the controllers share: the Kit each reconcile function gets, the
// options that pace them, and helpers for owner references and generated names.
import { createHash } from 'node:crypto';
import type { KubeStore } from './store.ts';
import type { KubeObject, OwnerReference } from './types.ts';

export interface ControllerOptions {
  /** How long a pod takes from creation to running (or to failing). */
  readyDelayMs: number;
  /** Multiplies progressDeadlineSeconds (1 = real time; 0.001 turns 600 s into 0.6 s). */
  progressDeadlineScale: number;
}

/** What every reconcile function gets: the store, the options, and a few shared acts. */
export interface Kit {
  store: KubeStore;
  options: ControllerOptions;
  /** Reconciles this object again after a delay. */
  after(ms: number, resource: string, namespace: string | undefined, name: string): void;
  /** Whether new objects may be created in the namespace (it exists and is not terminating). */
  namespaceActive(namespace: string | undefined): boolean;
  /** Creates an object as a controller does (uid, defaults, managedFields of kube-controller-manager). */
  createChild(resource: string, obj: KubeObject): KubeObject;
  /** Deletes an object and what it owns. */
  remove(resource: string, obj: KubeObject): void;
  /** Writes `status` (and any other change) when it differs from the stored object. */
  writeIfChanged(resource: string, before: KubeObject, after: KubeObject): KubeObject;
  /** Objects of a resource controlled by `owner`. */
  owned(resource: string, owner: KubeObject): KubeObject[];
  /** Times (ms since epoch) controllers remember between reconciles, by keys of their choosing. */
  marks: Map<string, number>;
}

/** The controller owner reference of an object. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** An owner reference to `owner` that marks it as the controller. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A short hash in the alphabet Kubernetes uses for generated names (pod-template-hash). */
export function shortHash(value: unknown, length = 10): string {
  const digest = createHash('sha256').update(JSON.stringify(value)).digest();
  return Array.from(digest.subarray(0, length), (byte) => SAFE[byte % SAFE.length]).join('');
}

export function randomSuffix(): string {
  return Array.from({ length: 5 }, () => SAFE[Math.floor(Math.random() * SAFE.length)]).join('');
}
