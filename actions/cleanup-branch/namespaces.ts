// The branch namespace: removed only when its exact mark names this branch of this repository
// (kube-marks.ts) and it is not protected, then waited for until it is gone. Before it, the
// objects deploy-overlay recorded on it as put outside it (other namespaces, cluster-scoped):
// each resolved by its kind's real scope, refused when protected, and removed only when its
// own exact mark names the branch. A namespace stuck in Terminating is reported
// with what holds it: its finalizers, the namespace controller's conditions, and the objects
// left in it.
import { UserError } from '../../shared/core/errors.ts';
import {
  externalObject,
  externalRefs,
  protectedTargetReason,
  removalRefusal,
  resolveScope,
  type ExternalRef,
} from '../../shared/branch/ownership/outside-objects.ts';
import { BRANCH_NAME_ANNOTATION, REPOSITORY_ANNOTATION, checkMark, markRefusal } from '../../shared/branch/ownership/kube-marks.ts';
import { describeKubeError } from '../../shared/kube/errors.ts';
import { isProtectedNamespace } from '../../shared/branch/ownership/protected.ts';
import { type KubeClient, type KubeObject } from '../../shared/kube/client.ts';
import { BRANCH_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../shared/branch/naming.ts';
import { kubeOwner, type Owner, type StepContext } from './environment.ts';
import type { StepResult } from './report.ts';
import { compareText } from '../../shared/core/order.ts';

const NAMESPACE_REF = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** Kinds listed when a namespace is stuck, to name what is left in it. */
const COMMON_KINDS: readonly [string, string][] = [
  ['v1', 'Pod'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Service'],
  ['v1', 'ServiceAccount'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
];

/** Why a namespace may not be touched, or undefined when it may (or is gone). */
export function namespaceRefusal(
  live: KubeObject | undefined,
  name: string,
  owner: Owner,
  ctx: Pick<StepContext, 'productionNamespaces' | 'naming'>,
): StepResult | undefined {
  if (isProtectedNamespace(name, ctx.productionNamespaces)) {
    return { action: 'skipped', reason: `protected namespace (default, kube-* and production-namespaces are never deleted)`, warn: true };
  }
  const exact = kubeOwner(owner, ctx.naming);
  if (exact === undefined) {
    return live === undefined
      ? undefined
      : {
          action: 'skipped',
          reason: `no exact branch is known for slug ${owner.slug}, and a slug alone proves nothing (another branch may share it)`,
          warn: true,
        };
  }
  const refusal = markRefusal(checkMark(live, exact), 'it', exact);
  return refusal === undefined ? undefined : { action: 'skipped', reason: refusal, warn: true };
}

/** Removes the namespace if it is this branch's, and waits until it is gone. `read`: the namespace as already read. */
export async function removeNamespace(kube: KubeClient, name: string, owner: Owner, ctx: StepContext, read?: ReadNamespace): Promise<StepResult> {
  const live = read ? read.live : await kube.get(NAMESPACE_REF(name));
  const refusal = namespaceRefusal(live, name, owner, ctx);
  if (refusal) return refusal;
  if (live === undefined) return { action: 'already-gone' };
  const terminating = Boolean(live.metadata?.deletionTimestamp);
  if (ctx.dryRun) return { action: 'would-remove', ...(terminating ? { reason: 'already terminating' } : {}) };
  if (!terminating) {
    if (!(await kube.delete(NAMESPACE_REF(name), { propagationPolicy: 'Background' }))) return { action: 'already-gone' };
  }
  await waitUntilGone(kube, name, ctx);
  return { action: 'removed' };
}

/**
 * The objects deploy-overlay recorded on the branch namespace as put in other namespaces
 * (`allow-namespaces`), when the namespace is this branch's: they outlive the namespace, so they
 * are removed before it. Empty when the namespace is gone or not the branch's (its own step says why).
 */
export async function externalObjectsOf(
  kube: KubeClient,
  name: string,
  owner: Owner,
  ctx: StepContext,
): Promise<{ refs: ExternalRef[]; namespace: ReadNamespace }> {
  const live = await kube.get(NAMESPACE_REF(name));
  const refs = live === undefined || namespaceRefusal(live, name, owner, ctx) !== undefined ? [] : externalRefs(live);
  return { refs, namespace: { live } };
}

/** The namespace as a step before read it (`live` undefined: it did not exist), so the next step need not read it again. */
export interface ReadNamespace {
  live: KubeObject | undefined;
}

/**
 * Removes one recorded object: its kind's real scope is looked up first (a record cannot make a
 * cluster-scoped object look namespaced), a protected target is refused by that scope, and the
 * live object is removed only when its exact mark names this branch of this repository.
 */
export async function removeExternalObject(kube: KubeClient, recorded: ExternalRef, owner: Owner, ctx: StepContext): Promise<StepResult> {
  const info = await kube.resource(recorded.apiVersion, recorded.kind);
  if (info === undefined)
    return {
      action: 'skipped',
      reason: `the cluster does not serve ${recorded.apiVersion} ${recorded.kind}; nothing is removed on a record alone`,
      warn: true,
    };
  const ref = resolveScope(recorded, info.namespaced);
  if (ref === undefined)
    return { action: 'skipped', reason: `${recorded.kind} is namespaced but the record names no namespace (not a record the suite writes)`, warn: true };
  const protectedReason = protectedTargetReason(ref, ctx.productionNamespaces);
  if (protectedReason !== undefined) return { action: 'skipped', reason: protectedReason, warn: true };
  const exact = kubeOwner(owner, ctx.naming);
  if (exact === undefined) return { action: 'skipped', reason: 'no exact branch is known for this environment', warn: true };
  const live = await kube.get(externalObject(ref));
  if (live === undefined) return { action: 'already-gone' };
  const refusal = removalRefusal(live, exact);
  if (refusal !== undefined) return { action: 'skipped', reason: refusal, warn: true };
  if (ctx.dryRun) return { action: 'would-remove' };
  return (await kube.delete(externalObject(ref), { propagationPolicy: 'Background' })) ? { action: 'removed' } : { action: 'already-gone' };
}

/** Polls until the namespace is gone (quickly at first, then every 2 s), up to the deadline. */
async function waitUntilGone(kube: KubeClient, name: string, ctx: StepContext): Promise<void> {
  let delay = 50;
  for (;;) {
    const live = await kube.get(NAMESPACE_REF(name));
    if (live === undefined) return;
    const left = ctx.deadline.remaining();
    if (left <= 0) throw new UserError(await stuckMessage(kube, live), { fix: stuckFix(name) });
    await ctx.clock.sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, 2000);
  }
}

function stuckFix(name: string): string {
  return `Remove what holds it (kubectl get all,pvc,configmap,secret -n ${name}; then clear the finalizers named above if their controller is gone), or raise \`timeout\`. A re-run finishes the cleanup.`;
}

/** `Namespace x is still Terminating: finalizers ...; <conditions>; objects left: ...`. */
async function stuckMessage(kube: KubeClient, ns: KubeObject): Promise<string> {
  const name = ns.metadata?.name ?? '?';
  const spec = ns['spec'] as { finalizers?: unknown } | undefined;
  const specFinalizers = (Array.isArray(spec?.finalizers) ? spec.finalizers : []).filter((f): f is string => typeof f === 'string' && f !== 'kubernetes');
  const metaFinalizers = Array.isArray(ns.metadata?.['finalizers'])
    ? (ns.metadata['finalizers'] as unknown[]).filter((f): f is string => typeof f === 'string')
    : [];
  const parts: string[] = [];
  const finalizers = [...specFinalizers, ...metaFinalizers];
  if (finalizers.length > 0) parts.push(`namespace finalizers ${finalizers.join(', ')}`);
  const status = ns['status'] as { conditions?: unknown } | undefined;
  const conditions = Array.isArray(status?.conditions) ? (status.conditions as { type?: unknown; status?: unknown; message?: unknown }[]) : [];
  for (const c of conditions) if (c.status === 'True' && typeof c.message === 'string') parts.push(c.message);
  const objects = await objectsLeft(kube, name);
  if (objects.length > 0) parts.push(`objects left: ${objects.join(', ')}`);
  return `Namespace ${name} is still Terminating after the timeout${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.`;
}

/** Up to 10 objects still in the namespace (`ConfigMap/x (finalizers: a)`), those with finalizers first. */
async function objectsLeft(kube: KubeClient, namespace: string): Promise<string[]> {
  const found: { text: string; held: boolean }[] = [];
  await Promise.all(
    COMMON_KINDS.map(async ([apiVersion, kind]) => {
      try {
        for (const item of (await kube.list(apiVersion, kind, { namespace })).items) {
          const finalizers = Array.isArray(item.metadata?.['finalizers']) ? (item.metadata['finalizers'] as string[]) : [];
          found.push({
            text: `${kind}/${item.metadata?.name ?? '?'}${finalizers.length > 0 ? ` (finalizers: ${finalizers.join(', ')})` : ''}`,
            held: finalizers.length > 0,
          });
        }
      } catch (error: unknown) {
        found.push({ text: `${kind} (cannot list: ${describeKubeError(error)})`, held: false });
      }
    }),
  );
  found.sort((a, b) => Number(b.held) - Number(a.held) || compareText(a.text, b.text));
  const texts = found.map((f) => f.text);
  return texts.length > 10 ? [...texts.slice(0, 10), `and ${texts.length - 10} more`] : texts;
}

/** A managed namespace found by its labels. */
export interface ManagedNamespace {
  name: string;
  slug: string;
  /** The exact branch and repository its mark records; undefined for a label-only (older) mark. */
  branch: string | undefined;
  repository: string | undefined;
  /** Newest of creation and the last apply (managedFields), epoch ms. */
  lastChange: number | undefined;
  live: KubeObject;
}

/** Namespaces carrying the suite's labels (optionally only one branch slug's). */
export async function listManagedNamespaces(kube: KubeClient, slug?: string): Promise<ManagedNamespace[]> {
  const selector = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${slug === undefined ? BRANCH_LABEL : `${BRANCH_LABEL}=${slug}`}`;
  const { items } = await kube.list('v1', 'Namespace', { labelSelector: selector });
  return items.map((ns) => {
    const times = [ns.metadata?.creationTimestamp, ...(ns.metadata?.managedFields ?? []).map((f) => f.time)]
      .map((t) => (t ? Date.parse(t) : Number.NaN))
      .filter((t) => Number.isFinite(t));
    const annotations = ns.metadata?.annotations ?? {};
    const branch = annotations[BRANCH_NAME_ANNOTATION];
    return {
      name: ns.metadata?.name ?? '',
      slug: ns.metadata?.labels?.[BRANCH_LABEL] ?? '',
      branch: typeof branch === 'string' && branch !== '' ? branch : undefined,
      repository: annotations[REPOSITORY_ANNOTATION],
      lastChange: times.length > 0 ? Math.max(...times) : undefined,
      live: ns,
    };
  });
}
