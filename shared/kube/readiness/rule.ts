// What a readiness rule is: how the suite judges one kind (API group + kind) of object, from the
// object as the API server serves it. One file per kind next to this one, listed in registry.ts.
import type { KubeObject } from '../client.ts';

/** Where an object's rollout stands. */
export interface Readiness {
  /** Ready (or not waited for): the wait for this object is over. */
  done: boolean;
  /** Set when the rollout failed for good (kubectl gives up too). */
  failed?: string;
  /** kubectl's words for the state (shown while waiting, and in the result). */
  message: string;
}

/** How one kind is judged. Only `readiness` is needed; the pod hooks are for kinds that run pods. */
export interface ReadinessRule {
  /** The API group (`apps`, `batch`, `argoproj.io`; `` for the core group). Any version matches. */
  group: string;
  kind: string;
  /** Where the object's rollout stands. A pure function of the object, never a lookup. */
  readiness(obj: KubeObject): Readiness;
  /**
   * Whether a pod belongs to the object's current rollout, so its troubles explain why the rollout
   * is not done. Omitted: no pod is current (the object is judged by its status alone).
   */
  isCurrentPod?(obj: KubeObject, pod: KubeObject): boolean;
  /** Whether a pod not owned by the object (owner uid) still belongs to it, for diagnosis. Omitted: none does. */
  alsoOwns?(obj: KubeObject, pod: KubeObject): boolean;
  /** Whether pods of an older rollout are still going away (they free quota for the new ones). Omitted: never. */
  olderPodsLeaving?(obj: KubeObject): boolean;
}
