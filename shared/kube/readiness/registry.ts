// The one place that says which objects the suite waits for and how each is judged: a readiness
// rule per API group + kind (gitops-engine's pkg/health is the model). An object with no rule is
// applied without a readiness check. To add a kind, see README.md next to this file.
import type { KubeObject } from '../client.ts';
import { daemonSet } from './daemonset.ts';
import { deployment } from './deployment.ts';
import { ownsByUid } from './fields.ts';
import { job } from './job.ts';
import type { Readiness, ReadinessRule } from './rule.ts';
import { statefulSet } from './statefulset.ts';

export type { Readiness, ReadinessRule } from './rule.ts';

/** Every rule, one per group + kind. */
export const RULES: readonly ReadinessRule[] = [deployment, statefulSet, daemonSet, job];

const byGroupKind = new Map(RULES.map((rule) => [`${rule.group}/${rule.kind}`, rule]));

/** Answers by apiVersion, then kind: every watch event asks, so a lookup allocates nothing once seen. */
const seen = new Map<string, Map<string, ReadinessRule | undefined>>();

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → `` for the core group). */
function groupOfApiVersion(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The rule for objects of this apiVersion (any version of its group) and kind, or undefined. */
export function ruleFor(apiVersion: string | undefined, kind: string | undefined): ReadinessRule | undefined {
  const version = apiVersion ?? '';
  const name = kind ?? '';
  let kinds = seen.get(version);
  if (kinds?.has(name)) return kinds.get(name);
  const rule = byGroupKind.get(`${groupOfApiVersion(version)}/${name}`);
  // Bounded: apiVersions and kinds come from untrusted objects.
  if (kinds === undefined && seen.size < 64) seen.set(version, (kinds = new Map<string, ReadinessRule | undefined>()));
  if (kinds !== undefined && kinds.size < 64) kinds.set(name, rule);
  return rule;
}

/** Whether the suite waits for this object (its kind has a rule). */
export function isWaitedFor(obj: KubeObject): boolean {
  return ruleFor(obj.apiVersion, obj.kind) !== undefined;
}

/** Where the object's rollout stands; an object with no rule is done at once. */
export function readiness(obj: KubeObject): Readiness {
  return ruleFor(obj.apiVersion, obj.kind)?.readiness(obj) ?? { done: true, message: 'not a workload' };
}

/** Whether a pod belongs to the object's current rollout (its troubles explain a rollout that is not done). */
export function isCurrentPod(obj: KubeObject, pod: KubeObject): boolean {
  return ruleFor(obj.apiVersion, obj.kind)?.isCurrentPod?.(obj, pod) ?? false;
}

/** Whether a pod belongs to the object at all (current or older rollouts), for diagnosis: owned by it, or as its rule says. */
export function belongsTo(obj: KubeObject, pod: KubeObject): boolean {
  return ownsByUid(obj, pod) || (ruleFor(obj.apiVersion, obj.kind)?.alsoOwns?.(obj, pod) ?? false);
}

/** Whether pods of the object's older rollout are still going away. */
export function olderPodsLeaving(obj: KubeObject): boolean {
  return ruleFor(obj.apiVersion, obj.kind)?.olderPodsLeaving?.(obj) ?? false;
}
