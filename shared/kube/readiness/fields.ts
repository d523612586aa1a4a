// Reading the fields readiness rules look at, on objects whose shape is not trusted: a missing or
// mistyped field reads as the fallback, never throws.
import { at, isRecord } from '../../core/json.ts';
import type { KubeObject } from '../client.ts';

/** A finite number, else `fallback`. */
export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The `status.conditions` entry of this type, if any. */
export function conditionOf(obj: KubeObject, type: string): Record<string, unknown> | undefined {
  const list = at(obj, 'status.conditions');
  return (Array.isArray(list) ? list : []).find((c): c is Record<string, unknown> => isRecord(c) && c['type'] === type);
}

/** A waiting verdict while the controller has not observed the object's generation yet, else undefined. */
export function unobserved(obj: KubeObject): { done: false; message: string } | undefined {
  const generation = obj.metadata?.generation ?? 0;
  const seen = num(at(obj, 'status.observedGeneration'), -1);
  return generation <= seen ? undefined : { done: false, message: `waiting for the controller to observe generation ${generation}` };
}

/** Whether the object is one of the pod's owners (by uid). */
export function ownsByUid(obj: KubeObject, pod: KubeObject): boolean {
  const uid = obj.metadata?.uid;
  return (pod.metadata?.ownerReferences ?? []).some((o) => o.uid === uid);
}
